import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configuredConflictStyle, gitMergeFile } from '../../../src/core/git/merge-file.js';
import { openGit } from '../../../src/core/git/index.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { git, gitEnv, makeGitRepo } from '../../helpers/cli.js';

Object.assign(process.env, gitEnv());

const BASE = 'one\ntwo\nthree\nfour\nfive\n';

// @sdd merge-driver/MRG-006
describe('gitMergeFile', () => {
  it('merges edits of different lines cleanly', async () => {
    const r = await gitMergeFile(BASE, BASE.replace('one', 'ONE'), BASE.replace('five', 'FIVE'));
    assert.equal(r.conflicts, 0);
    assert.equal(r.output.toString(), 'ONE\ntwo\nthree\nfour\nFIVE\n');
  });

  it('counts conflicting hunks and labels the markers', async () => {
    // git joins conflicts fewer than four lines apart into one hunk; these are further apart.
    const base = `first\n${'same\n'.repeat(5)}last\n`;
    const r = await gitMergeFile(base, base.replace('first', 'A').replace('last', 'C'), base.replace('first', 'B').replace('last', 'D'), { labels: { ours: 'mine', base: 'old', theirs: 'yours' } });
    assert.equal(r.conflicts, 2);
    assert.equal(r.output.toString(), `<<<<<<< mine\nA\n=======\nB\n>>>>>>> yours\n${'same\n'.repeat(5)}<<<<<<< mine\nC\n=======\nD\n>>>>>>> yours\n`);
  });

  it('draws diff3 conflicts when asked', async () => {
    const r = await gitMergeFile(BASE, BASE.replace('one', 'A'), BASE.replace('one', 'B'), { conflictStyle: 'diff3' });
    assert.match(r.output.toString(), /^<<<<<<< ours\nA\n\|\|\|\|\|\|\| base\none\n=======\nB\n>>>>>>> theirs\n/);
  });

  it('follows the repository\'s merge.conflictStyle when none is given', async () => {
    const repo = makeGitRepo();
    git(repo, 'config', 'merge.conflictStyle', 'diff3');
    assert.equal(await configuredConflictStyle(openGit(repo)), 'diff3');
    const r = await gitMergeFile(BASE, BASE.replace('one', 'A'), BASE.replace('one', 'B'), { git: openGit(repo) });
    assert.match(r.output.toString(), /\|\|\|\|\|\|\| base\n/);
    assert.equal(await configuredConflictStyle(openGit(makeGitRepo())), 'merge');
  });

  it('refuses binary content with an SddError that says what to do', async () => {
    await assert.rejects(gitMergeFile(Buffer.from([0, 1, 2]), BASE, BASE), (err: unknown) => {
      assert.ok(err instanceof SddError);
      assert.equal(err.code, 'merge_failed');
      assert.match(err.message, /binary/i);
      assert.match(err.fix ?? '', /git checkout --ours/);
      return true;
    });
  });
});
