import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkStaged } from '../../src/app/check-staged.js';
import { git, makeGitRepo, markdownSpec, writeFile } from '../helpers/cli.js';
import { cacheEnv } from '../helpers/app-env.js';
import { TAG } from '../helpers/drift.js';

function spec(id: string, extra: Record<string, string> = {}): string {
  return markdownSpec({ id, title: id.toUpperCase(), status: 'draft', domain: 'core', ...extra }, `# ${id}\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n`);
}

/** A committed project: `a`, `b` (depends on a), and `lone` with a committed dangling dependency. */
function committed(): string {
  const root = makeGitRepo();
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/.gitignore', '.cache/\n');
  writeFile(root, '.sdd/specs/core/a.md', spec('a'));
  writeFile(root, '.sdd/specs/core/b.md', spec('b', { depends_on: '[a]' }));
  writeFile(root, '.sdd/specs/other/lone.md', spec('lone', { depends_on: '[ghost]' }));
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'specs');
  return root;
}

describe('app: checkStaged', () => {
  it('checks nothing when nothing is staged, and says why', async () => {
    const root = committed();
    const outcome = await checkStaged(cacheEnv(root), { cwd: root, only: [] });
    assert.equal(outcome.skipped, 'nothing is staged');
    assert.deepEqual(outcome.findings, []);
    assert.equal(outcome.root, root);
  });

  it('reports on the staged spec and its dependents, judged as git will commit them', async () => {
    const root = committed();
    writeFile(root, '.sdd/specs/core/a.md', spec('a', { depends_on: '[nowhere]' }));
    git(root, 'add', '.sdd/specs/core/a.md');
    // The work tree differs from what is staged: the staged content is what counts.
    writeFile(root, '.sdd/specs/core/a.md', spec('a'));
    const outcome = await checkStaged(cacheEnv(root), { cwd: root, only: [] });
    assert.equal(outcome.skipped, null);
    assert.deepEqual(outcome.scope.specs, ['.sdd/specs/core/a.md']);
    assert.deepEqual(outcome.scope.dependents, ['.sdd/specs/core/b.md']);
    // lone's committed finding is outside what the change can affect.
    assert.deepEqual(outcome.findings.map((f) => `${f.ruleId} ${f.file}`), ['dangling-dependency .sdd/specs/core/a.md']);
    assert.equal(outcome.filesChecked, 2);
  });

  it('judges staged code by the drift rules only, on the specs its tags name', async () => {
    const root = committed();
    writeFile(root, 'src/a.ts', `// ${TAG} a/REQ-009\nexport const a = 1;\n`);
    git(root, 'add', 'src/a.ts');
    const outcome = await checkStaged(cacheEnv(root), { cwd: root, only: [] });
    assert.equal(outcome.driftCodeFiles, 1);
    assert.deepEqual(outcome.scope.codeFiles, ['src/a.ts']);
    assert.deepEqual(outcome.findings.map((f) => `${f.ruleId} ${f.file}`), ['drift-orphaned src/a.ts']);
  });

  it('skips staged code when the staged config switches every drift rule off', async () => {
    const root = committed();
    const off = ['drift-code-changed', 'drift-orphaned', 'drift-outdated', 'drift-suspect', 'drift-uncovered', 'drift-untested'].map((id) => `  ${id}: off\n`).join('');
    writeFile(root, '.sdd/config.yaml', `version: 1\nrules:\n${off}`);
    git(root, 'commit', '-qam', 'drift off');
    writeFile(root, 'src/a.ts', `// ${TAG} a/REQ-009\n`);
    git(root, 'add', 'src/a.ts');
    const outcome = await checkStaged(cacheEnv(root), { cwd: root, only: [] });
    assert.equal(outcome.skipped, 'nothing is staged under .sdd/ and the drift rules are off');
  });

  it('reads the cache as it stands when it holds the staged blobs, without refreshing it', async () => {
    const root = committed();
    const env = cacheEnv(root);
    (await env.openCache()).close();
    writeFile(root, '.sdd/specs/core/b.md', spec('b', { depends_on: '[a, gone]' }));
    git(root, 'add', '-A');
    await checkStaged(env, { cwd: root, only: [] });
    const staged = env.opened.slice(1);
    assert.equal(staged.length, 1);
    assert.equal(staged[0].refresh, null);
  });
});
