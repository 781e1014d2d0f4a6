import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeGitRepo, makeTempDir, markdownSpec, parseJsonDocument, writeFile, type RunResult } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/** A spec that breaks no built-in rule unless `fields` or `extra` make it. */
function spec(fields: Record<string, string>, extra = ''): string {
  return markdownSpec({ title: fields.id.toUpperCase(), status: 'draft', ...fields }, `# ${fields.id.toUpperCase()}\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n${extra}`);
}

/** The same spec with its one requirement defined twice (unique-requirement-id). */
function duplicated(fields: Record<string, string>): string {
  return spec(fields, '- **REQ-001** The system MUST work twice.\n');
}

/**
 * A committed project: `core/a`, `core/b` (depends on a), `core/c` (depends on b), and
 * `other/lone`, which has a committed finding (a dangling dependency) nothing staged touches.
 */
function committedProject(): string {
  const root = makeGitRepo();
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/.gitignore', '.cache/\n');
  writeFile(root, '.sdd/specs/core/a.md', spec({ id: 'a', domain: 'core' }));
  writeFile(root, '.sdd/specs/core/b.md', spec({ id: 'b', domain: 'core', depends_on: '[a]' }));
  writeFile(root, '.sdd/specs/core/c.md', spec({ id: 'c', domain: 'core', depends_on: '[b]' }));
  writeFile(root, '.sdd/specs/other/lone.md', spec({ id: 'lone', domain: 'other', depends_on: '[ghost]' }));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'specs');
  return root;
}

async function staged(root: string, ...args: string[]): Promise<{ run: RunResult; doc: Record<string, any> }> {
  const run = await runSddInProcess(['check', '--staged', '--json', ...args], { cwd: root });
  assert.equal(run.stderr, '', describeRun(run));
  return { run, doc: parseJsonDocument(run.stdout) };
}

const where = (doc: Record<string, any>) => (doc.findings as Array<{ rule_id: string; file: string }>).map((f) => `${f.rule_id} ${f.file}`).sort();

describe('sdd check --staged', () => {
  // @sdd git-hooks/HOOK-005
  it('outside a git repository: exit 2 naming the folder, one JSON document', async () => {
    const root = makeTempDir();
    writeFile(root, '.sdd/specs/a.md', spec({ id: 'a' }));
    const text = await runSddInProcess(['check', '--staged'], { cwd: root });
    assert.equal(text.code, 2, describeRun(text));
    assert.match(text.stderr, /not inside a git work tree/);
    assert.match(text.stderr, /^Fix: /m);
    const json = await runSddInProcess(['check', '--staged', '--json'], { cwd: root });
    assert.equal(json.code, 2);
    assert.equal(json.stderr, '');
    assert.equal((parseJsonDocument(json.stdout).error as { code: string }).code, 'not_a_git_repository');
  });

  it('nothing staged under .sdd/: only drift for the staged code, so a committed finding does not block', async () => {
    const root = committedProject();
    const nothing = await runSddInProcess(['check', '--staged'], { cwd: root });
    assert.equal(nothing.code, 0, describeRun(nothing));
    assert.equal(nothing.stdout, '');
    assert.match(nothing.stderr, /nothing is staged, so there is nothing to check/);
    writeFile(root, 'src/app.js', 'console.log(1);\n');
    git(root, 'add', 'src/app.js');
    const text = await runSddInProcess(['check', '--staged'], { cwd: root });
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /no problems in 0 files/);
    assert.match(text.stderr, /drift for 1 staged code file/);
    const { run, doc } = await staged(root);
    assert.equal(run.code, 0);
    assert.equal(doc.files_checked, 0);
    assert.deepEqual(doc.staged.code_files, ['src/app.js']);
    // The committed finding is real: the full check reports it.
    assert.equal((await runSddInProcess(['check'], { cwd: root })).code, 1);
  });

  // @sdd git-hooks/HOOK-001, git-hooks/HOOK-004
  it('checks the staged content, not the working tree, and leaves the index cache to the working tree', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/specs/core/a.md', duplicated({ id: 'a', domain: 'core', depends_on: '[ghost]' }));
    git(root, 'add', '.sdd/specs/core/a.md');
    // Fixed on disk, with two more keys above depends_on: positions must come from the staged text.
    writeFile(root, '.sdd/specs/core/a.md', spec({ id: 'a', domain: 'core', owner: 'ana@example.com', tags: '[x]', depends_on: '[]' }));
    const { run, doc } = await staged(root);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(where(doc), ['dangling-dependency .sdd/specs/core/a.md', 'unique-requirement-id .sdd/specs/core/a.md']);
    const at = Object.fromEntries(doc.findings.map((f: { rule_id: string; line: number; column: number }) => [f.rule_id, `${f.line}:${f.column}`]));
    assert.deepEqual(at, { 'dangling-dependency': '6:14', 'unique-requirement-id': '13:5' });
    const full = await runSddInProcess(['check', '.sdd/specs/core', '--json'], { cwd: root });
    assert.equal(full.code, 0, `the working tree is clean: ${describeRun(full)}`);
  });

  // @sdd git-hooks/HOOK-001
  it('a bad unstaged edit does not block a good staged change', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/specs/core/c.md', spec({ id: 'c', domain: 'core', depends_on: '[b]' }, '- **REQ-002** The system MUST log.\n'));
    git(root, 'add', '.sdd/specs/core/c.md');
    writeFile(root, '.sdd/specs/core/c.md', '---\nid: c\ntitle: [broken\n---\n');
    writeFile(root, '.sdd/specs/core/b.md', duplicated({ id: 'b', domain: 'core', depends_on: '[a]' }));
    writeFile(root, '.sdd/config.yaml', 'version: [1\n');
    writeFile(root, '.sdd/specs/core/untracked.md', spec({ id: 'c', domain: 'core' }));
    const { run, doc } = await staged(root);
    assert.equal(run.code, 0, describeRun(run));
    assert.deepEqual(doc.findings, []);
    assert.deepEqual(doc.staged.specs, ['.sdd/specs/core/c.md']);
    const text = await runSddInProcess(['check', '--staged'], { cwd: root });
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /no problems in 1 file/);
    assert.match(text.stderr, /checked the staged content of 1 spec/);
  });

  // @sdd git-hooks/HOOK-004
  it('uses cached specs that hold the staged content, and leaves the cache alone for a small change', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/specs/core/c.md', spec({ id: 'c', domain: 'core', depends_on: '[b]' }, '- **REQ-002** The system MUST log.\n'));
    git(root, 'add', '-A');
    assert.equal((await runSddInProcess(['list', '--count'], { cwd: root })).code, 0); // the cache now holds the staged c.md
    writeFile(root, '.sdd/specs/core/c.md', duplicated({ id: 'c', domain: 'core', depends_on: '[b]' }));
    const { run, doc } = await staged(root);
    assert.equal(run.code, 0, describeRun(run));
    assert.deepEqual(doc.findings, []);
    const status = parseJsonDocument((await runSddInProcess(['cache', 'status', '--json'], { cwd: root })).stdout) as { stale: { changed: number } };
    assert.equal(status.stale.changed, 1, 'the staged check did not refresh the cache (c.md changed on disk since)');
  });

  it('many staged specs the cache has not seen: it is refreshed once, and the check is the same', async () => {
    const root = committedProject();
    assert.equal((await runSddInProcess(['list', '--count'], { cwd: root })).stdout.trim(), '4');
    for (let i = 0; i < 70; i++) writeFile(root, `.sdd/specs/core/n${i}.md`, spec({ id: `n${i}`, domain: 'core', depends_on: i === 7 ? '[nothing]' : '[a]' }));
    git(root, 'add', '-A');
    const cached = async () => (parseJsonDocument((await runSddInProcess(['cache', 'status', '--json'], { cwd: root })).stdout) as { specs: number }).specs;
    assert.equal(await cached(), 4);
    const { doc } = await staged(root);
    assert.deepEqual(where(doc), ['dangling-dependency .sdd/specs/core/n7.md']);
    assert.equal(await cached(), 74, 'the cache was refreshed');
  });

  // @sdd git-hooks/HOOK-002
  it('reports on transitive dependents of a changed id, but not on unrelated specs', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/specs/core/a.md', spec({ id: 'a2', domain: 'core' }));
    git(root, 'add', '-A');
    const { run, doc } = await staged(root);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(where(doc), ['dangling-dependency .sdd/specs/core/b.md']);
    assert.deepEqual(doc.staged.dependents, ['.sdd/specs/core/b.md', '.sdd/specs/core/c.md']);
    assert.equal(doc.files_checked, 3);
    const full = await runSddInProcess(['check', '--json'], { cwd: root });
    assert.deepEqual(where(parseJsonDocument(full.stdout)), ['dangling-dependency .sdd/specs/core/b.md', 'dangling-dependency .sdd/specs/other/lone.md']);
  });

  it('a staged edit that closes a dependency cycle is reported like the full check does', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/specs/core/a.md', spec({ id: 'a', domain: 'core', depends_on: '[c]' }));
    git(root, 'add', '-A');
    const { doc } = await staged(root);
    const full = parseJsonDocument((await runSddInProcess(['check', '--json'], { cwd: root })).stdout);
    const cycle = (d: Record<string, any>) => d.findings.filter((x: { rule_id: string }) => x.rule_id === 'dependency-cycle');
    // Every spec on the cycle is reported, the staged one and the two it closes the cycle with.
    assert.deepEqual(cycle(doc).map((f: { file: string }) => f.file), ['.sdd/specs/core/a.md', '.sdd/specs/core/b.md', '.sdd/specs/core/c.md'], JSON.stringify(doc.findings));
    assert.deepEqual(cycle(doc), cycle(full));
  });

  // @sdd git-hooks/HOOK-002
  it('a staged deletion reports the dependents it leaves dangling', async () => {
    const root = committedProject();
    git(root, 'rm', '-q', '.sdd/specs/core/b.md');
    const { run, doc } = await staged(root);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(where(doc), ['dangling-dependency .sdd/specs/core/c.md']);
    assert.deepEqual(doc.staged.specs, []);
  });

  it('a staged rename is checked at its new path', async () => {
    const root = committedProject();
    git(root, 'mv', '.sdd/specs/core/c.md', '.sdd/specs/other/c.md');
    const { run, doc } = await staged(root);
    assert.equal(run.code, 0, `domain-location is a warning: ${describeRun(run)}`);
    assert.deepEqual(where(doc), ['domain-location .sdd/specs/other/c.md']);
    assert.deepEqual(doc.staged.specs, ['.sdd/specs/other/c.md']);
  });

  it('a staged spec deleted from the disk is still checked as staged', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/specs/core/new.md', spec({ id: 'new', domain: 'core', depends_on: '[nowhere]' }));
    git(root, 'add', '-A');
    fs.rmSync(path.join(root, '.sdd/specs/core/new.md'));
    const { doc } = await staged(root);
    assert.deepEqual(where(doc), ['dangling-dependency .sdd/specs/core/new.md']);
  });

  it('sees duplicates in the index only: an untracked file with the same id is not part of the commit', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/specs/core/d.md', spec({ id: 'd', domain: 'core' }));
    writeFile(root, '.sdd/specs/core/d-copy.md', spec({ id: 'd', domain: 'core' }));
    git(root, 'add', '.sdd/specs/core/d.md');
    assert.deepEqual(where((await staged(root)).doc), []);
    git(root, 'add', '.sdd/specs/core/d-copy.md');
    assert.deepEqual(where((await staged(root)).doc), ['unique-id .sdd/specs/core/d-copy.md', 'unique-id .sdd/specs/core/d.md']);
  });

  // @sdd git-hooks/HOOK-003
  it('a staged config puts every spec in scope, and a broken staged config is an error at its line', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/config.yaml', 'version: 1\nproject:\n  name: demo\n');
    git(root, 'add', '.sdd/config.yaml');
    const { run, doc } = await staged(root);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(where(doc), ['dangling-dependency .sdd/specs/other/lone.md']);
    writeFile(root, '.sdd/config.yaml', 'version: 1\nproject: [\n');
    git(root, 'add', '.sdd/config.yaml');
    writeFile(root, '.sdd/config.yaml', 'version: 1\n');
    const bad = await runSddInProcess(['check', '--staged'], { cwd: root });
    assert.equal(bad.code, 2, describeRun(bad));
    assert.match(bad.stderr, /^Error: \.sdd\/config\.yaml:\d+:\d+: Malformed YAML in config/m);
  });

  it('a staged decision file that cannot be read is reported at that file', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/approvals/a/2024-bad.json', '{ not json\n');
    git(root, 'add', '-A');
    const { run, doc } = await staged(root);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(where(doc), ['approval-bad-signature .sdd/approvals/a/2024-bad.json']);
    assert.deepEqual(doc.staged.other_sdd_files, ['.sdd/approvals/a/2024-bad.json']);
  });

  it('policy scopes are answered by the staged content', async () => {
    const root = committedProject();
    writeFile(root, '.sdd/policies.yaml', [
      'policies:',
      '  - id: review-needs-security',
      '    scope: "status:review"',
      '    message: Specs in review need a Security section',
      '    require: { section: Security }',
      '',
    ].join('\n'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'policy');
    writeFile(root, '.sdd/specs/core/a.md', spec({ id: 'a', domain: 'core', status: 'review', owner: 'ana@example.com' }));
    writeFile(root, '.sdd/specs/core/c.md', spec({ id: 'c', domain: 'core', depends_on: '[b]' }, '- **REQ-002** The system MUST log.\n'));
    git(root, 'add', '-A');
    // On disk a goes back to draft and c moves to review: neither is what will be committed.
    writeFile(root, '.sdd/specs/core/a.md', spec({ id: 'a', domain: 'core' }));
    writeFile(root, '.sdd/specs/core/c.md', spec({ id: 'c', domain: 'core', depends_on: '[b]', status: 'review', owner: 'ana@example.com' }));
    const { doc } = await staged(root);
    assert.deepEqual(where(doc), ['policy/review-needs-security .sdd/specs/core/a.md']);
  });

  it('works for a project below the top of the repository, and paths narrow the report', async () => {
    const root = makeGitRepo();
    const project = path.join(root, 'packages', 'app');
    writeFile(project, '.sdd/specs/core/a.md', spec({ id: 'a', domain: 'core' }));
    writeFile(project, '.sdd/specs/core/b.md', spec({ id: 'b', domain: 'core', depends_on: '[a]' }));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'specs');
    writeFile(project, '.sdd/specs/core/a.md', duplicated({ id: 'a', domain: 'core' }));
    writeFile(project, '.sdd/specs/core/b.md', duplicated({ id: 'b', domain: 'core', depends_on: '[a]' }));
    git(root, 'add', '-A');
    const { doc } = await staged(project);
    assert.deepEqual(where(doc), ['unique-requirement-id .sdd/specs/core/a.md', 'unique-requirement-id .sdd/specs/core/b.md']);
    const narrowed = await runSddInProcess(['check', '--staged', '--json', '.sdd/specs/core/b.md'], { cwd: project });
    assert.deepEqual(where(parseJsonDocument(narrowed.stdout)), ['unique-requirement-id .sdd/specs/core/b.md']);
  });

  it('--update-baseline cannot be combined with --staged', async () => {
    const root = committedProject();
    const r = await runSddInProcess(['check', '--staged', '--baseline', 'b.json', '--update-baseline'], { cwd: root });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /cannot be combined with --staged/);
    assert.equal(fs.existsSync(path.join(root, 'b.json')), false);
  });
});

// @sdd git-hooks/HOOK-006
describe('e2e: sdd check --staged and drift for staged code files', () => {
  const T = '@' + 'sdd';
  const login = (status: string) => markdownSpec({ id: 'login', title: 'Login', status, domain: 'core', owner: 'ada@example.com', code: '[src/auth/**]' }, '# Login\n\n## Requirements\n\n- **REQ-001** The system MUST log in.\n');

  /** login approved (unsigned decisions allowed) at the commit holding its code. */
  async function approvedProject(): Promise<string> {
    const root = makeGitRepo();
    writeFile(root, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    writeFile(root, '.sdd/access.yml', 'domains:\n  core:\n    reviewers: [bob@example.com]\n');
    writeFile(root, '.sdd/.gitignore', '.cache/\n');
    writeFile(root, '.sdd/specs/core/login.md', login('review'));
    writeFile(root, 'src/auth/login.ts', `// ${T} login/REQ-001\nexport const v = 1;\n`);
    writeFile(root, 'src/other.ts', 'export const o = 1;\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'login');
    const approve = await runSddInProcess(['approve', 'login', '--as', 'bob@example.com'], { cwd: root });
    assert.equal(approve.code, 0, describeRun(approve));
    writeFile(root, '.sdd/specs/core/login.md', login('approved'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'approved');
    return root;
  }

  it('a staged tag that names nothing blocks the commit, at the tag in the code file', async () => {
    const root = await approvedProject();
    writeFile(root, 'src/other.ts', `// ${T} login/REQ-009\nexport const o = 2;\n`);
    git(root, 'add', 'src/other.ts');
    const { run, doc } = await staged(root);
    assert.equal(run.code, 1, describeRun(run));
    assert.deepEqual(doc.findings.map((f: { rule_id: string; file: string; line: number }) => [f.rule_id, f.file, f.line]), [['drift-orphaned', 'src/other.ts', 1]]);
    assert.deepEqual(doc.staged.specs_of_code, ['.sdd/specs/core/login.md']);
  });

  it('the same bad tag only in the work tree (unstaged) does not block a good staged change', async () => {
    const root = await approvedProject();
    writeFile(root, 'src/other.ts', 'export const o = 2;\n');
    git(root, 'add', 'src/other.ts');
    writeFile(root, 'src/other.ts', `// ${T} login/REQ-009\nexport const o = 2;\n`);
    const { run, doc } = await staged(root);
    assert.equal(run.code, 0, describeRun(run));
    assert.deepEqual(doc.findings, []);
    const full = await runSddInProcess(['check', '--json'], { cwd: root });
    assert.equal(full.code, 1, 'the full check sees the work tree');
  });

  it('a staged change to governed code is code drift, measured against the index', async () => {
    const root = await approvedProject();
    writeFile(root, 'src/auth/login.ts', `// ${T} login/REQ-001\nexport const v = 2;\n`);
    const before = await staged(root);
    assert.deepEqual(before.doc.findings, [], 'nothing staged yet: the index matches the approval');
    git(root, 'add', 'src/auth/login.ts');
    const { run, doc } = await staged(root);
    assert.equal(run.code, 0, 'drift-code-changed is a warning');
    assert.deepEqual(doc.findings.map((f: { rule_id: string; file: string; line: number }) => [f.rule_id, f.file, f.line]), [['drift-code-changed', '.sdd/specs/core/login.md', 13]]);
  });

  // @sdd git-hooks/HOOK-005
  it('only code staged, drift rules off: nothing to check', async () => {
    const root = await approvedProject();
    writeFile(root, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\nrules:\n' + ['code-changed', 'orphaned', 'outdated', 'suspect', 'uncovered', 'untested'].map((r) => `  drift-${r}: off\n`).join(''));
    git(root, 'add', '.sdd/config.yaml');
    git(root, 'commit', '-q', '-m', 'no drift');
    writeFile(root, 'src/other.ts', `// ${T} login/REQ-009\n`);
    git(root, 'add', 'src/other.ts');
    const r = await runSddInProcess(['check', '--staged'], { cwd: root });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stderr, /nothing is staged under \.sdd\/ and the drift rules are off/);
  });
});
