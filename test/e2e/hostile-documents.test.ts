import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, parseJsonDocument, writeFile, writeSpec } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

const BOUND_MS = 10_000;

/** A 9-level billion-laughs document: 390 bytes that expand to 9^9 strings. */
const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => { const p = 'abcdefgh'[i]; return `${k}: &${k} [${Array(9).fill(`*${p}`).join(',')}]`; })].join('\n') + '\n';

async function project(): Promise<string> {
  const repo = makeGitRepo();
  const init = await runSddInProcess(['init'], { cwd: repo });
  assert.equal(init.code, 0, describeRun(init));
  writeSpec(repo, 'good.md', '---\nid: good\ntitle: Good\nstatus: draft\n---\n## Requirements\n- **REQ-001** It MUST work.\n');
  return repo;
}

async function timed(args: string[], cwd: string) {
  const started = Date.now();
  const run = await runSddInProcess(args, { cwd });
  const ms = Date.now() - started;
  assert.ok(ms < BOUND_MS, `sdd ${args.join(' ')} took ${ms} ms`);
  assert.doesNotMatch(run.stdout + run.stderr, /internal_error|bug in sdd/, describeRun(run));
  return run;
}

function findings(stdout: string): Array<Record<string, unknown>> {
  return parseJsonDocument(stdout).findings as Array<Record<string, unknown>>;
}

describe('e2e: YAML bombs are a finding for their file alone', () => {
  it('in a spec\'s front matter: spec-syntax for that spec, every other spec keeps working', async () => {
    const repo = await project();
    writeSpec(repo, 'bomb.md', `---\nid: bomb\ntitle: Bomb\nstatus: draft\n${BOMB}---\nbody\n`);
    writeSpec(repo, 'bomb2.yaml', `id: bomb2\ntitle: Bomb\nstatus: draft\n${BOMB}`);
    const list = await timed(['list', '--json'], repo);
    assert.equal(list.code, 0, describeRun(list));
    assert.match(list.stdout, /"good"/);
    const run = await timed(['validate', '--json'], repo);
    assert.equal(run.code, 1, describeRun(run));
    const f = findings(run.stdout);
    assert.deepEqual(f.map((x) => `${x.rule_id} ${x.file}`).sort(), ['spec-syntax .sdd/specs/bomb.md', 'spec-syntax .sdd/specs/bomb2.yaml']);
    assert.match(String(f[0].message), /aliases expanded/);
    const search = await timed(['search', 'work'], repo);
    assert.equal(search.code, 0, describeRun(search));
    assert.match(search.stdout, /good/);
  });

  it('in policies.yaml: policy-config; in access.yml: access-file-invalid; in config.yaml: a config error naming the file', async () => {
    const repo = await project();
    writeFile(repo, '.sdd/policies.yaml', BOMB);
    writeFile(repo, '.sdd/access.yml', BOMB);
    const run = await timed(['check', '--json'], repo);
    assert.equal(run.code, 1, describeRun(run));
    const rules = new Set(findings(run.stdout).map((x) => `${x.rule_id} ${x.file}`));
    assert.ok(rules.has('policy-config .sdd/policies.yaml'), describeRun(run));
    assert.ok(rules.has('access-file-invalid .sdd/access.yml'), describeRun(run));
    fs.rmSync(path.join(repo, '.sdd/policies.yaml'));
    fs.rmSync(path.join(repo, '.sdd/access.yml'));
    fs.appendFileSync(path.join(repo, '.sdd/config.yaml'), BOMB);
    const config = await timed(['check'], repo);
    assert.equal(config.code, 2, describeRun(config));
    assert.match(config.stderr, /\.sdd\/config\.yaml:\d+:\d+: Malformed YAML in config: .*aliases expanded/);
  });

  it('deeply nested front matter is a spec-syntax finding, not a stack overflow', async () => {
    const repo = await project();
    writeSpec(repo, 'deep.md', `---\nid: deep\ntitle: Deep\nstatus: draft\nx: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\n`);
    const run = await timed(['validate', '--json'], repo);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(findings(run.stdout).map((x) => `${x.rule_id} ${x.file}`), ['spec-syntax .sdd/specs/deep.md']);
  });
});

describe('e2e: large specs have documented limits and stay linear', () => {
  it('a spec over 1 MB is a spec-syntax finding; list, check and search stay fast', async () => {
    const repo = await project();
    const line = '- the quick brown fox jumps over the lazy dog, the end\n';
    writeSpec(repo, 'huge.md', `---\nid: huge\ntitle: Huge\nstatus: draft\n---\n${line.repeat(Math.ceil(54 * 1024 * 1024 / line.length))}`);
    writeSpec(repo, 'big.md', `---\nid: big\ntitle: Big\nstatus: draft\n---\n${line.repeat(Math.floor(1000 * 1024 / line.length))}`);
    const list = await timed(['list', '--json'], repo);
    assert.equal(list.code, 0, describeRun(list));
    const run = await timed(['check', '--json'], repo);
    const f = findings(run.stdout).filter((x) => x.rule_id === 'spec-syntax');
    assert.deepEqual(f.map((x) => x.file), ['.sdd/specs/huge.md']);
    assert.match(String(f[0].message), /at most 1024 KB/);
    const search = await timed(['search', 'the'], repo);
    assert.equal(search.code, 0, describeRun(search));
    assert.match(search.stdout, /big/);
  });

  it('front matter with 40,000 keys is a finding, and 9,000 keys are checked quickly', async () => {
    const repo = await project();
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');
    writeSpec(repo, 'many.md', `---\nid: many\ntitle: Many\nstatus: draft\n${keys(40000)}\n---\n`);
    writeSpec(repo, 'lots.md', `---\nid: lots\ntitle: Lots\nstatus: draft\n${keys(9000)}\n---\n## Requirements\n- **REQ-001** It MUST work.\n`);
    const run = await timed(['check', '--json'], repo);
    const f = findings(run.stdout).filter((x) => x.rule_id === 'spec-syntax');
    assert.deepEqual(f.map((x) => x.file), ['.sdd/specs/many.md'], describeRun(run));
  });
});
