import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseRawDiff } from '../../../src/core/git/diff.js';
import { openGit } from '../../../src/core/git/index.js';
import { git, gitEnv, makeGitRepo } from '../../helpers/cli.js';

describe('parseRawDiff', () => {
  it('reads what git prints for adds, edits, deletes and renames, with odd paths', async () => {
    const repo = makeGitRepo();
    fs.writeFileSync(path.join(repo, 'keep.md'), 'keep\n');
    fs.writeFileSync(path.join(repo, 'gone.md'), 'gone\n');
    fs.writeFileSync(path.join(repo, 'old name.md'), 'the same long enough content\nfor rename detection\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'first');
    fs.writeFileSync(path.join(repo, 'keep.md'), 'kept\n');
    fs.writeFileSync(path.join(repo, 'new\ttab.md'), 'new\n');
    git(repo, 'rm', '--quiet', 'gone.md');
    git(repo, 'mv', 'old name.md', 'new name.md');
    git(repo, 'add', '.');
    const r = await openGit(repo, { ...process.env, ...gitEnv() }).run(['diff', '--cached', '--raw', '-z', '-M', '--no-abbrev']);
    const byPath = new Map(parseRawDiff(r.stdout.toString()).map((e) => [e.path, e]));
    assert.deepEqual([...byPath.keys()].sort(), ['gone.md', 'keep.md', 'new\ttab.md', 'new name.md']);
    assert.equal(byPath.get('keep.md')!.status, 'M');
    assert.equal(byPath.get('keep.md')!.newBlob, git(repo, 'rev-parse', ':keep.md'));
    assert.equal(byPath.get('gone.md')!.status, 'D');
    assert.match(byPath.get('gone.md')!.newBlob, /^0{40}$/);
    assert.equal(byPath.get('new\ttab.md')!.status, 'A');
    assert.deepEqual({ ...byPath.get('new name.md')!, oldBlob: undefined, newBlob: undefined }, { status: 'R', path: 'new name.md', from: 'old name.md', oldBlob: undefined, newBlob: undefined });
  });

  it('is empty for empty output', () => {
    assert.deepEqual(parseRawDiff(''), []);
  });
});
