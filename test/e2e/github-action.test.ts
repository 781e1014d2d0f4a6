import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describeRun, git, makeGitRepo, makeTempDir, markdownSpec, REPO_ROOT, writeFile, type RunResult } from '../helpers/cli.js';
import { multitoolValidate } from '../helpers/sarif.js';

interface Step {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION_FILE = path.join(REPO_ROOT, 'action.yml');
const action = parse(fs.readFileSync(ACTION_FILE, 'utf8')) as Action;

/** Parses a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return out;
}

interface ActionRun {
  code: number;
  /** Everything the steps printed, stdout and stderr. */
  log: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the composite action's steps the way a runner does: each `run:` with bash
 * (`bash --noprofile --norc -eo pipefail`), its own GITHUB_OUTPUT file and the step's `env:`,
 * stopping at the first failing step. Only the expressions the action uses are resolved:
 * `inputs.*`, `github.action_path`, `steps.<id>.outputs.*`.
 */
function runAction(workspace: string, inputs: Record<string, string> = {}): ActionRun {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) values[name] = inputs[name] ?? spec.default ?? '';
  const runner = makeTempDir('sdd-runner-');
  const summary = path.join(runner, 'step-summary.md');
  fs.writeFileSync(summary, '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  const resolve = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(expr))) return values[m[1]];
    if (expr === 'github.action_path') return REPO_ROOT;
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr))) return stepOutputs[m[1]]?.[m[2]] ?? '';
    throw new Error(`unsupported expression in action.yml: ${expr}`);
  });
  let log = '';
  let code = 0;
  action.runs.steps.forEach((step, n) => {
    if (code !== 0 || step.run === undefined) return;
    const output = path.join(runner, `output-${n}`);
    const script = path.join(runner, `step-${n}.sh`);
    fs.writeFileSync(output, '');
    fs.writeFileSync(script, step.run);
    const env: NodeJS.ProcessEnv = {
      ...process.env, NO_COLOR: '1', CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: runner,
    };
    delete env.NODE_TEST_CONTEXT;
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = resolve(String(v));
    const cwd = path.resolve(workspace, resolve(step['working-directory'] ?? '.'));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
    log += r.stdout + r.stderr;
    code = r.status ?? 1;
    if (step.id) stepOutputs[step.id] = readOutputs(output);
  });
  const outputs: Record<string, string> = {};
  for (const [name, o] of Object.entries(action.outputs)) outputs[name] = resolve(o.value);
  return { code, log, outputs, summary: fs.readFileSync(summary, 'utf8') };
}

const REQS = '# S\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n';

/** A repository with one error (dangling dependency) and one warning (title ending in a period). */
function fixture(sub = ''): string {
  const root = makeGitRepo();
  const dir = path.join(root, sub);
  writeFile(dir, '.sdd/config.yaml', 'version: 1\n');
  writeFile(dir, '.sdd/specs/core/a.md', markdownSpec({ id: 'a', title: 'A', status: 'draft', domain: 'core', depends_on: '[ghost]' }, REQS));
  writeFile(dir, '.sdd/specs/core/b.md', markdownSpec({ id: 'b', title: 'B.', status: 'draft', domain: 'core' }, REQS));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'specs');
  return root;
}

const describeAction = (r: ActionRun): string => describeRun({ code: r.code, stdout: r.log, stderr: `outputs: ${JSON.stringify(r.outputs)}` } as RunResult);

describe('GitHub Action (action.yml)', () => {
  // @sdd github-action/GHA-001
  it('is a valid composite action (action-validator)', () => {
    const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'action-validator');
    const r = spawnSync(bin, [ACTION_FILE], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(action.runs.using, 'composite');
  });

  // @sdd github-action/GHA-004
  it('never pastes an expression into shell code: inputs reach the scripts through env only', () => {
    for (const step of action.runs.steps) assert.doesNotMatch(step.run ?? '', /\$\{\{/, `step ${step.id ?? step.name} interpolates an expression into its script`);
  });

  // @sdd github-action/GHA-002
  it('writes a valid SARIF file, annotations, the step summary and outputs, and fails on errors', () => {
    const root = fixture();
    const r = runAction(root);
    assert.equal(r.code, 1, describeAction(r));
    assert.deepEqual(r.outputs, { findings: '2', errors: '1', warnings: '1', 'sarif-file': path.join(root, 'sdd.sarif') });
    assert.match(r.log, /^::error file=\.sdd\/specs\/core\/a\.md,line=\d+,col=\d+,title=sdd dangling-dependency::depends_on names "ghost"/m);
    assert.match(r.log, /^::warning file=\.sdd\/specs\/core\/b\.md,line=\d+,col=\d+,title=sdd naming-convention::/m);
    assert.match(r.log, /^::error title=sdd check::1 error\(s\), 1 warning\(s\); failing because fail-on is error$/m);
    assert.match(r.summary, /^## sdd check$/m);
    assert.match(r.summary, /1 error, 1 warning in 2 of 2 files/);
    const sarif = JSON.parse(fs.readFileSync(r.outputs['sarif-file'], 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, 2);
    const problems = multitoolValidate(r.outputs['sarif-file'], 'Sarif').filter((p) => p.level === 'error');
    assert.deepEqual(problems, []);
  });

  // @sdd github-action/GHA-003
  it('fail-on decides the exit code', () => {
    const root = fixture();
    assert.equal(runAction(root, { 'fail-on': 'none' }).code, 0);
    fs.writeFileSync(path.join(root, '.sdd/specs/core/a.md'), markdownSpec({ id: 'a', title: 'A', status: 'draft', domain: 'core' }, REQS));
    const onError = runAction(root, { 'fail-on': 'error' });
    assert.equal(onError.code, 0, describeAction(onError));
    assert.equal(onError.outputs.warnings, '1');
    const onWarning = runAction(root, { 'fail-on': 'warning' });
    assert.equal(onWarning.code, 1, describeAction(onWarning));
    const invalid = runAction(root, { 'fail-on': 'sometimes' });
    assert.equal(invalid.code, 2);
    assert.match(invalid.log, /fail-on is "sometimes"; use error, warning or none/);
  });

  // @sdd github-action/GHA-004
  it('passes args as words: shell syntax in them is never run', () => {
    const root = fixture();
    const r = runAction(root, { args: '.sdd/specs/core/b.md\n$(touch pwned) `touch pwned2`; touch pwned3' });
    // The shell syntax arrives as path words, which match no file: sdd says so (exit 2), naming them.
    assert.equal(r.code, 2, describeAction(r));
    assert.match(r.log, /No files matching .*"\$\(touch", "pwned\)", "`touch"/);
    for (const f of ['pwned', 'pwned2', 'pwned3']) assert.equal(fs.existsSync(path.join(root, f)), false, `${f} was created`);
    const narrowed = runAction(root, { args: '.sdd/specs/core/b.md' });
    assert.equal(narrowed.code, 0, describeAction(narrowed));
    assert.equal(narrowed.outputs.findings, '1', 'the report is narrowed to b.md');
  });

  it('works from working-directory, and an empty sarif-file writes none', () => {
    const root = fixture('docs/specs-project');
    const r = runAction(root, { 'working-directory': 'docs/specs-project', 'sarif-file': '' });
    assert.equal(r.code, 1, describeAction(r));
    assert.equal(r.outputs.findings, '2');
    assert.equal(r.outputs['sarif-file'], '');
    assert.equal(fs.existsSync(path.join(root, 'docs/specs-project/sdd.sarif')), false);
  });

  // @sdd github-action/GHA-001
  it('prefers the project\'s own sdd (a devDependency) to the action\'s copy', () => {
    const root = fixture();
    const bin = path.join(root, 'node_modules', '.bin');
    fs.mkdirSync(bin, { recursive: true });
    // A script in the project's node_modules that runs the sdd under test and leaves a mark.
    fs.writeFileSync(path.join(bin, 'sdd'), `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(path.join(root, 'used'))}, 'x');\nimport(${JSON.stringify(path.join(REPO_ROOT, 'bin', 'sdd.js'))});\n`, { mode: 0o755 });
    execFileSync('node', ['--check', path.join(bin, 'sdd')]);
    const r = runAction(root, { 'fail-on': 'none' });
    assert.equal(r.code, 0, describeAction(r));
    assert.match(r.log, new RegExp(`sdd \\d+\\.\\d+\\.\\d+ \\(${path.join(bin, 'sdd').replace(/[.]/g, '\\.')}\\)`));
    assert.ok(fs.readFileSync(path.join(root, 'used'), 'utf8').length >= 3, 'every sdd run used the project\'s copy');
  });
});
