import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd drift accept', () => {
  it('records a code acceptance at the current commit', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['approve', 'login', '--as', 'bob@example.com'], { cwd: repo })).code, 0);
    const r = await sdd(['drift', 'accept', 'login', '--as', 'bob@example.com', '--reason', 'refactor only'], { cwd: repo, env: { SDD_NOW: '2024-05-09T10:00:00Z' } });
    assert.equal(r.code, 0, describeRun(r));
    const dir = path.join(repo, '.sdd/approvals/login');
    const records = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    const accepted = records.filter((x) => x.decision === 'code_accepted');
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0].commit, git(repo, 'rev-parse', 'HEAD'));
    assert.equal(accepted[0].reason, 'refactor only');
  });

  it('an unknown spec exits 2 without writing', async () => {
    const repo = makeProject();
    const r = await sdd(['drift', 'accept', 'nope', '--as', 'bob@example.com'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(fs.existsSync(path.join(repo, '.sdd/approvals')), false);
  });
});
