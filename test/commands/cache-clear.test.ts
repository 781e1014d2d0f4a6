import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd cache clear', () => {
  it('deletes the index; the next read rebuilds it with the same answer', async () => {
    const repo = makeProject();
    const first = await sdd(['list'], { cwd: repo });
    const db = path.join(repo, '.sdd/.cache/sdd.db');
    assert.ok(fs.existsSync(db));
    const r = await sdd(['cache', 'clear'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.existsSync(db), false);
    assert.equal((await sdd(['list'], { cwd: repo })).stdout, first.stdout);
    assert.ok(fs.existsSync(db));
  });
});
