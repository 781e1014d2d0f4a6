import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd cache status', () => {
  it('reports the index without refreshing it: empty and stale before the first read, fresh after', async () => {
    const repo = makeProject();
    const db = `${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.sdd/\\.cache/sdd\\.db`;
    const before = await sdd(['cache', 'status'], { cwd: repo });
    assert.equal(before.code, 0, describeRun(before));
    assert.match(before.stdout, new RegExp(`^index\\s+${db} \\(just created\\)$`, 'm'));
    assert.match(before.stdout, /^stale\s+3 new or changed, 0 deleted/m);

    assert.equal((await sdd(['list'], { cwd: repo })).code, 0);
    const after = await sdd(['cache', 'status'], { cwd: repo });
    assert.match(after.stdout, new RegExp(`^index\\s+${db}$`, 'm'));
    assert.match(after.stdout, /^specs\s+3 \(4 requirements\)$/m);
    assert.match(after.stdout, /^stale\s+none$/m);
  });
});
