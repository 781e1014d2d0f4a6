import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { specsStatus, statusEntryPath } from '../../../src/core/git/status.js';
import { git, gitEnv, makeGitRepo } from '../../helpers/cli.js';

describe('statusEntryPath', () => {
  it('takes the path of every kind of porcelain v2 entry, spaces included, and none of a header', () => {
    const oid = 'a'.repeat(40);
    assert.equal(statusEntryPath(`1 .M N... 100644 100644 100644 ${oid} ${oid} dir/a b.md`), 'dir/a b.md');
    assert.equal(statusEntryPath(`2 R. N... 100644 100644 100644 ${oid} ${oid} R100 new.md`), 'new.md');
    assert.equal(statusEntryPath(`u UU N... 100644 100644 100644 100644 ${oid} ${oid} ${oid} both.md`), 'both.md');
    assert.equal(statusEntryPath('? untracked file.md'), 'untracked file.md');
    assert.equal(statusEntryPath('! ignored.md'), 'ignored.md');
    assert.equal(statusEntryPath(`# branch.oid ${oid}`), null);
  });

  it('agrees with what git prints for a modified and an unmerged file', async () => {
    const repo = makeGitRepo();
    fs.mkdirSync(path.join(repo, 'specs'));
    fs.writeFileSync(path.join(repo, 'specs', 'a b.md'), 'one\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'first');
    fs.writeFileSync(path.join(repo, 'specs', 'a b.md'), 'two\n');
    const out = await specsStatus(repo, 'specs', { ...process.env, ...gitEnv() });
    const paths = (out ?? '').split('\0').map(statusEntryPath).filter((p) => p !== null);
    assert.deepEqual(paths, ['specs/a b.md']);
  });
});
