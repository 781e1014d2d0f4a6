import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, makeTempDir, markdownSpec, writeFile, type RunResult } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

function spec(fields: Record<string, string>, heading: string): string {
  return markdownSpec(fields, `# ${heading}\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n`);
}

/** `:`, `%` and `,` in a file name: each must be escaped in the `file=` property. */
const ODD_NAME = 'sale:50%,off.md';

/**
 * A policy whose message holds `|`, `:`, `%`, `,` and a CRLF line break (YAML double-quoted
 * escapes), fired by a spec with the odd file name and no column (the `# Sale` title line); and a
 * dangling dependency, an error with a column, in a plain file.
 */
function writeProject(root: string): void {
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/policies.yaml', [
    'policies:',
    '  - id: needs-owner',
    '    severity: warn',
    '    message: "Owner | missing: 100% of specs need one,\\r\\nsee the handbook"',
    '    fix: "Add an owner line, e.g. owner: ana"',
    '    require: { field: { name: owner, exists: true } }',
    '',
  ].join('\n'));
  writeFile(root, `.sdd/specs/${ODD_NAME}`, spec({ id: 'sale', title: 'Sale', status: 'draft' }, 'Sale'));
  writeFile(root, '.sdd/specs/team/checkout.md', spec({ id: 'checkout', title: 'Checkout', status: 'draft', owner: 'ana', depends_on: '[ghost]' }, 'Checkout'));
}

const ANNOTATIONS = [
  '::warning file=.sdd/specs/sale%3A50%25%2Coff.md,line=6,title=sdd policy/needs-owner::Owner | missing: 100%25 of specs need one,%0D%0Asee the handbook%0AFix: Add an owner line, e.g. owner: ana',
  '::error file=.sdd/specs/team/checkout.md,line=6,col=14,title=sdd dangling-dependency::depends_on names "ghost", but no spec has that id%0AFix: Correct the id, create the spec with `sdd new spec "<title>" --id ghost`, or remove the entry.',
  '',
].join('\n');

const SUMMARY = [
  '## sdd check',
  '',
  '❌ 1 error, 1 warning in 2 of 2 files.',
  '',
  '| Severity | Location | Rule | Message |',
  '| --- | --- | --- | --- |',
  '| warning | `.sdd/specs/sale:50%,off.md:6` | `policy/needs-owner` | Owner \\| missing\\: 100% of specs need one, see the handbook |',
  '| error | `.sdd/specs/team/checkout.md:6` | `dangling-dependency` | depends\\_on names "ghost", but no spec has that id |',
  '',
].join('\n');

/** Every file under `dir` (but .git and the index cache) with its content, to see what a run wrote. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (rel === '.git' || rel.startsWith(`.git${path.sep}`) || rel.startsWith(path.join('.sdd', '.cache'))) continue;
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) files[rel] = fs.readFileSync(abs, 'utf8');
  }
  return files;
}

// @sdd sarif-output/SARIF-004
describe('e2e: sdd check --format github', () => {
  let repo: string;
  let plain: RunResult;

  before(async () => {
    repo = makeGitRepo();
    try {
      writeProject(repo);
    } catch (err) {
      throw new Error(`this filesystem does not allow the file name ${JSON.stringify(ODD_NAME)}: ${(err as Error).message}`);
    }
    plain = await runSddInProcess(['check', '--format', 'github'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: undefined } });
  });

  it('prints one workflow command per finding, escaped as GitHub requires', () => {
    assert.equal(plain.code, 1, describeRun(plain));
    assert.equal(plain.stdout, ANNOTATIONS);
    assert.equal(plain.stderr, '');
  });

  it('--fail-on applies to annotations as to any format', async () => {
    const r = await runSddInProcess(['check', '--format', 'github', '--fail-on', 'none'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: undefined } });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, ANNOTATIONS);
  });

  it('appends a Markdown summary with a row per finding to $GITHUB_STEP_SUMMARY, run after run', async () => {
    const summary = path.join(makeTempDir('sdd-summary-'), 'step_summary.md');
    fs.writeFileSync(summary, '## an earlier step\n\n');
    const first = await runSddInProcess(['check', '--format', 'github'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.equal(first.code, 1, describeRun(first));
    assert.equal(first.stdout, ANNOTATIONS);
    assert.equal(fs.readFileSync(summary, 'utf8'), '## an earlier step\n\n' + SUMMARY);
    const second = await runSddInProcess(['check', '--format', 'github'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.equal(second.code, 1, describeRun(second));
    assert.equal(fs.readFileSync(summary, 'utf8'), '## an earlier step\n\n' + SUMMARY + SUMMARY);
  });

  it('writes no summary anywhere without $GITHUB_STEP_SUMMARY (or with it empty)', async () => {
    const before = snapshot(repo);
    for (const value of [undefined, '']) {
      const r = await runSddInProcess(['check', '--format', 'github'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: value } });
      assert.equal(r.code, 1, describeRun(r));
      assert.equal(r.stdout, ANNOTATIONS);
    }
    assert.deepEqual(snapshot(repo), before);
  });

  it('a $GITHUB_STEP_SUMMARY in a missing folder is a user error (exit 2) that names the path', async () => {
    const summary = path.join(makeTempDir('sdd-summary-'), 'no-such-folder', 'step_summary.md');
    // --output keeps --json's one document on stdout apart from the annotations (see the --json/--format rule).
    const r = await runSddInProcess(['check', '--json', '--format', 'github', '--output', 'annotations.txt'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.equal(r.code, 2, describeRun(r));
    const error = JSON.parse(r.stdout).error as { code: string; message: string; target: string };
    assert.equal(error.code, 'output_failed');
    assert.equal(error.target, summary);
    assert.match(error.message, /folder does not exist/);
  });

  it('writes no summary for the other formats', async () => {
    const summary = path.join(makeTempDir('sdd-summary-'), 'step_summary.md');
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runSddInProcess(['check', '--format', format], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
      assert.equal(r.code, 1, describeRun(r));
    }
    assert.equal(fs.existsSync(summary), false);
  });

  it('--output puts the annotations in the file and still appends the summary', async () => {
    const summary = path.join(makeTempDir('sdd-summary-'), 'step_summary.md');
    const r = await runSddInProcess(['check', '--format', 'github', '--output', 'annotations.txt'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(path.join(repo, 'annotations.txt'), 'utf8'), ANNOTATIONS);
    assert.equal(fs.readFileSync(summary, 'utf8'), SUMMARY);
  });
});

describe('e2e: sdd check --format github on a clean project', () => {
  it('prints no annotation, exits 0 and summarises "no problems"', async () => {
    const repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/specs/alpha.md', spec({ id: 'alpha', title: 'Alpha', status: 'draft' }, 'Alpha'));
    writeFile(repo, '.sdd/specs/beta.md', spec({ id: 'beta', title: 'Beta', status: 'draft' }, 'Beta'));
    const summary = path.join(makeTempDir('sdd-summary-'), 'step_summary.md');
    const r = await runSddInProcess(['check', '--format', 'github'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(summary, 'utf8'), '## sdd check\n\n✅ No problems in 2 files.\n');
  });

  it('says "1 file", not "1 files"', async () => {
    const repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/specs/alpha.md', spec({ id: 'alpha', title: 'Alpha', status: 'draft' }, 'Alpha'));
    const summary = path.join(makeTempDir('sdd-summary-'), 'step_summary.md');
    const r = await runSddInProcess(['check', '--format', 'github'], { cwd: repo, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.readFileSync(summary, 'utf8'), '## sdd check\n\n✅ No problems in 1 file.\n');
  });
});
