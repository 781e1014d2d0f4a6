import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd hooks status', () => {
  it('reports what is installed, before and after install', async () => {
    const repo = makeProject();
    const before = await sdd(['hooks', 'status'], { cwd: repo });
    assert.equal(before.code, 0, describeRun(before));
    assert.match(before.stdout, /^pre-commit\s+not installed/m);
    assert.match(before.stdout, /^merge\s+not registered/m);
    assert.equal((await sdd(['hooks', 'install'], { cwd: repo })).code, 0);
    const after = await sdd(['hooks', 'status'], { cwd: repo });
    assert.doesNotMatch(after.stdout, /^pre-commit\s+not installed/m);
    assert.match(after.stdout, /^pre-push\s+not installed/m);
    assert.doesNotMatch(after.stdout, /^merge\s+not registered/m);
  });
});
