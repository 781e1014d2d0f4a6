import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeGitRepo, makeTempDir, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { TAG } from '../helpers/drift.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * The code references in the index follow the source tree exactly, whichever way it changes:
 * every answer is compared with the one a freshly built index gives.
 */

const SPEC = ['---', 'id: login', 'title: Login', 'status: review', '---', '# Login', '', '- **REQ-001** The system MUST log in.', '- **REQ-002** The system MUST log out.', ''].join('\n');

type Refs = Array<[string, number, string]>;

async function refs(root: string): Promise<Refs> {
  const r = await runSddInProcess(['trace', 'login', '--json'], { cwd: root });
  assert.equal(r.code, 0, describeRun(r));
  const doc = parseJsonDocument(r.stdout) as { requirements: Array<{ id: string; impl: Array<{ file: string; line: number }> }>; spec_refs: Array<{ file: string; line: number }> };
  const out: Refs = doc.requirements.flatMap((q) => q.impl.map((l): [string, number, string] => [l.file, l.line, q.id]));
  return [...out, ...doc.spec_refs.map((l): [string, number, string] => [l.file, l.line, '*'])].sort();
}

/** What the index says, checked against a rebuilt one. */
async function fresh(root: string): Promise<Refs> {
  const incremental = await refs(root);
  const copy = makeTempDir('sdd-trace-copy-');
  fs.cpSync(root, copy, { recursive: true });
  fs.rmSync(path.join(copy, '.sdd', '.cache'), { recursive: true, force: true });
  assert.deepEqual(incremental, await refs(copy), 'the index agrees with a rebuild');
  return incremental;
}

// @sdd traceability/DRF-003
describe('e2e: code references stay fresh', () => {
  it('edits, additions, deletions, commits, branch switches and a same-size edit with the old mtime', async () => {
    const root = makeGitRepo();
    writeFile(root, '.sdd/.gitignore', '.cache/\n');
    writeFile(root, '.sdd/specs/login.md', SPEC);
    writeFile(root, 'src/a.ts', `// ${TAG} login/REQ-001\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'one');
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001']]);

    writeFile(root, 'src/b.py', `x = 1\n# ${TAG} login/REQ-002\n`);
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001'], ['src/b.py', 2, 'REQ-002']], 'an untracked file');

    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'two');
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001'], ['src/b.py', 2, 'REQ-002']], 'after a commit');

    // Same size, same mtime: only ctime (and the bytes) tell.
    const a = path.join(root, 'src/a.ts');
    const before = fs.statSync(a);
    fs.writeFileSync(a, `// ${TAG} login/REQ-002\n`);
    fs.utimesSync(a, before.atime, before.mtime);
    assert.equal(fs.statSync(a).size, before.size);
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-002'], ['src/b.py', 2, 'REQ-002']], 'a same-size edit with the mtime restored');

    git(root, 'checkout', '-q', '--', 'src/a.ts');
    git(root, 'checkout', '-q', '-b', 'other');
    fs.rmSync(path.join(root, 'src/b.py'));
    writeFile(root, 'lib/c.go', `// ${TAG} login\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'other');
    assert.deepEqual(await fresh(root), [['lib/c.go', 1, '*'], ['src/a.ts', 1, 'REQ-001']], 'a deletion and a new file, committed on a branch');

    git(root, 'checkout', '-q', '-');
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001'], ['src/b.py', 2, 'REQ-002']], 'back on the first branch');

    writeFile(root, '.gitignore', 'src/b.py\n');
    git(root, 'rm', '-q', '--cached', 'src/b.py');
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001']], 'a file that became ignored');
  });

  it('outside git, every file below the project is scanned, and changes are seen', async () => {
    const root = makeTempDir('sdd-nogit-');
    writeFile(root, '.sdd/specs/login.md', SPEC);
    writeFile(root, 'src/a.ts', `// ${TAG} login/REQ-001\n`);
    writeFile(root, 'node_modules/x/index.js', `// ${TAG} login/REQ-002\n`);
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001']]);
    writeFile(root, 'src/a.ts', `// ${TAG} login/REQ-001\n// ${TAG} login/REQ-002\n`);
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001'], ['src/a.ts', 2, 'REQ-002']]);
    const drift = await runSddInProcess(['drift'], { cwd: root });
    assert.match(drift.stdout, /code drift not checked \(not a git work tree\)/);
  });

  it('code.include picks files git ignores too, and changes to it rescan', async () => {
    const root = makeGitRepo();
    writeFile(root, '.gitignore', 'gen/\n');
    writeFile(root, '.sdd/specs/login.md', SPEC);
    writeFile(root, 'gen/out.ts', `// ${TAG} login/REQ-001\n`);
    writeFile(root, 'src/a.ts', `// ${TAG} login/REQ-002\n`);
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-002']], 'ignored by default');
    writeFile(root, '.sdd/config.yaml', 'version: 1\ncode:\n  include: [gen/**]\n');
    assert.deepEqual(await fresh(root), [['gen/out.ts', 1, 'REQ-001']], 'only what code.include names');
    writeFile(root, 'gen/out.ts', `// ${TAG} login\n`);
    assert.deepEqual(await fresh(root), [['gen/out.ts', 1, '*']]);
  });
});

describe('e2e: code references of a project below the top of its repository', () => {
  it('a second edit of an already modified file is seen (git lists paths from the top)', async () => {
    const top = makeGitRepo();
    const root = path.join(top, 'services', 'auth');
    writeFile(root, '.sdd/specs/login.md', SPEC);
    writeFile(root, 'src/a.ts', `// ${TAG} login/REQ-001\n`);
    git(top, 'add', '-A');
    git(top, 'commit', '-qm', 'one');
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-001']]);
    writeFile(root, 'src/a.ts', `// ${TAG} login/REQ-002\n`);
    assert.deepEqual(await fresh(root), [['src/a.ts', 1, 'REQ-002']], 'the first edit');
    writeFile(root, 'src/a.ts', `\n// ${TAG} login/REQ-001\n`);
    assert.deepEqual(await fresh(root), [['src/a.ts', 2, 'REQ-001']], 'the second edit of the same dirty file');
  });
});
