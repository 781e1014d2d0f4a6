import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd cache status', () => {
  it('reports the index without creating or refreshing it: missing before the first read, fresh after', async () => {
    const repo = makeProject();
    const db = `${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.sdd/\\.cache/sdd\\.db`;
    const before = await sdd(['cache', 'status'], { cwd: repo });
    assert.equal(before.code, 0, describeRun(before));
    assert.match(before.stdout, new RegExp(`^index\\s+${db} \\(missing: any read command or \`sdd cache rebuild\` builds it\\)$`, 'm'));
    assert.equal(fs.existsSync(path.join(repo, '.sdd/.cache/sdd.db')), false, 'cache status created the database');
    const json = parseJsonDocument((await sdd(['cache', 'status', '--json'], { cwd: repo })).stdout);
    assert.equal(json.existed, false);
    assert.equal(fs.existsSync(path.join(repo, '.sdd/.cache/sdd.db')), false);

    assert.equal((await sdd(['list'], { cwd: repo })).code, 0);
    const after = await sdd(['cache', 'status'], { cwd: repo });
    assert.match(after.stdout, new RegExp(`^index\\s+${db}$`, 'm'));
    assert.match(after.stdout, /^specs\s+3 \(4 requirements\)$/m);
    assert.match(after.stdout, /^stale\s+none$/m);
  });
});
