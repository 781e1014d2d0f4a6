import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd search', () => {
  const repo = makeProject();

  it('finds the spec whose body holds the word, with its file', async () => {
    const r = await sdd(['search', 'password'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(rows.map((row) => row.slice(0, 3)), [['login', '.sdd/specs/auth/login.md', 'User Login']]);
  });

  it('--json: no hits for a word no spec contains', async () => {
    const r = await sdd(['search', 'zebra', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const doc = parseJsonDocument(r.stdout);
    assert.equal(doc.count, 0);
    assert.deepEqual(doc.results, []);
  });
});
