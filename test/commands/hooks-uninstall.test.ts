import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd hooks uninstall', () => {
  it('removes what install added and keeps the rest of .gitattributes', async () => {
    const repo = makeProject();
    writeFile(repo, '.gitattributes', '*.png binary\n');
    assert.equal((await sdd(['hooks', 'install'], { cwd: repo })).code, 0);
    const r = await sdd(['hooks', 'uninstall'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.existsSync(path.join(repo, '.git/hooks/pre-commit')), false);
    assert.equal(fs.readFileSync(path.join(repo, '.gitattributes'), 'utf8'), '*.png binary\n');
    assert.throws(() => git(repo, 'config', 'merge.sdd.driver'));
  });

  it('leaves a pre-commit hook that sdd did not write', async () => {
    const repo = makeProject();
    const hook = writeFile(repo, '.git/hooks/pre-commit', '#!/bin/sh\necho mine\n');
    const r = await sdd(['hooks', 'uninstall'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.readFileSync(hook, 'utf8'), '#!/bin/sh\necho mine\n');
  });

  it('keeps a tracked .gitattributes (empty) that held only sdd\'s line, and says so', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['hooks', 'install'], { cwd: repo })).code, 0);
    git(repo, 'add', '.gitattributes');
    git(repo, 'commit', '-qm', 'merge driver');
    const r = await sdd(['hooks', 'uninstall'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.readFileSync(path.join(repo, '.gitattributes'), 'utf8'), '');
    assert.match(r.stdout, /^merge driver: unregistered \(its line removed from .*\.gitattributes, which is now empty but kept because git tracks it; .*git rm \.gitattributes/m);
  });

  it('deletes an untracked .gitattributes that held only sdd\'s line, and says so', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['hooks', 'install'], { cwd: repo })).code, 0);
    const r = await sdd(['hooks', 'uninstall', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.existsSync(path.join(repo, '.gitattributes')), false);
    assert.equal(JSON.parse(r.stdout).merge_driver.gitattributes_left, 'deleted');
  });
});
