import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd reject', () => {
  it('records a rejection with its reason; a draft cannot be decided on', async () => {
    const repo = makeProject();
    const r = await sdd(['reject', 'login', '--as', 'bob@example.com', '--reason', 'REQ-002 is vague'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const dir = path.join(repo, '.sdd/approvals/login');
    const [file] = fs.readdirSync(dir);
    const record = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    assert.equal(record.decision, 'rejected');
    assert.equal(record.reason, 'REQ-002 is vague');

    const draft = await sdd(['reject', 'session', '--as', 'bob@example.com', '--reason', 'no'], { cwd: repo });
    assert.equal(draft.code, 2, describeRun(draft));
    assert.match(draft.stderr, /session\.md/);
    assert.equal(fs.existsSync(path.join(repo, '.sdd/approvals/session')), false);
  });
});
