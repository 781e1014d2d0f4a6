import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd hooks install', () => {
  it('writes an executable pre-commit hook running check --staged and registers the merge driver', async () => {
    const repo = makeProject();
    const r = await sdd(['hooks', 'install', '--pre-push'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const hook = path.join(repo, '.git/hooks/pre-commit');
    assert.match(fs.readFileSync(hook, 'utf8'), /check --staged/);
    assert.ok(fs.statSync(hook).mode & 0o100, 'pre-commit is executable');
    assert.ok(fs.existsSync(path.join(repo, '.git/hooks/pre-push')));
    assert.match(git(repo, 'config', 'merge.sdd.driver'), /merge-driver %O %A %B/);
    assert.match(fs.readFileSync(path.join(repo, '.gitattributes'), 'utf8'), /^\.sdd\/specs\/\*\* merge=sdd$/m);
  });

  it('--no-merge-driver leaves git config and .gitattributes alone', async () => {
    const repo = makeProject();
    const r = await sdd(['hooks', 'install', '--no-merge-driver'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.ok(fs.existsSync(path.join(repo, '.git/hooks/pre-commit')));
    assert.equal(fs.existsSync(path.join(repo, '.gitattributes')), false);
    assert.throws(() => git(repo, 'config', 'merge.sdd.driver'));
  });
});
