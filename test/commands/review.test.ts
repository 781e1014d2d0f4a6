import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd review', () => {
  it('request: records who is asked and moves a draft to review; list shows it pending', async () => {
    const repo = makeProject();
    const r = await sdd(['review', 'request', 'session', '--reviewer', 'bob@example.com', '--as', 'ada@example.com'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(fs.readFileSync(path.join(repo, '.sdd/specs/auth/session.md'), 'utf8'), /^status: review$/m);
    const [file] = fs.readdirSync(path.join(repo, '.sdd/approvals/session'));
    const record = JSON.parse(fs.readFileSync(path.join(repo, '.sdd/approvals/session', file), 'utf8'));
    assert.equal(record.decision, 'review_requested');
    assert.deepEqual(record.reviewers, ['bob@example.com']);

    const list = await sdd(['review', 'list', '--json'], { cwd: repo });
    assert.equal(list.code, 0, describeRun(list));
    const text = JSON.stringify(parseJsonDocument(list.stdout));
    assert.match(text, /"session"/);
    assert.match(text, /"login"/);
    assert.doesNotMatch(text, /"reports"/);
  });
});
