import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd graph', () => {
  it('draws one node per spec and one edge per depends_on entry (mermaid)', async () => {
    const repo = makeProject();
    const r = await sdd(['graph'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'flowchart LR');
    assert.equal(lines.filter((l) => /\["/.test(l)).length, 3);
    assert.deepEqual(lines.filter((l) => l.includes('-->')).map((l) => l.trim()), ['n_session --> n_login']);
  });
});
