import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject, SESSION } from '../helpers/project.js';

describe('sdd status', () => {
  it('moves a draft to review by rewriting only its status line', async () => {
    const repo = makeProject();
    const file = path.join(repo, '.sdd/specs/auth/session.md');
    const r = await sdd(['status', 'session', 'review'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.readFileSync(file, 'utf8'), SESSION.replace('status: draft', 'status: review'));
  });

  it('refuses approved without a quorum of approvals and keeps the file', async () => {
    const repo = makeProject();
    const file = path.join(repo, '.sdd/specs/auth/login.md');
    const before = fs.readFileSync(file, 'utf8');
    const r = await sdd(['status', 'login', 'approved'], { cwd: repo });
    assert.notEqual(r.code, 0, describeRun(r));
    assert.equal(fs.readFileSync(file, 'utf8'), before);

    assert.equal((await sdd(['approve', 'login', '--as', 'bob@example.com'], { cwd: repo })).code, 0);
    const ok = await sdd(['status', 'login', 'approved'], { cwd: repo });
    assert.equal(ok.code, 0, describeRun(ok));
    assert.match(fs.readFileSync(file, 'utf8'), /^status: approved$/m);
  });
});
