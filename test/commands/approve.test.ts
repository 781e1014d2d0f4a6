import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { FIXTURE_NOW, makeProject } from '../helpers/project.js';

describe('sdd approve', () => {
  it('writes one decision file with the approved content hash and commit; the spec counts as approved', async () => {
    const repo = makeProject();
    const r = await sdd(['approve', 'login', '--as', 'bob@example.com', '--reason', 'reviewed'], { cwd: repo, env: { SDD_NOW: FIXTURE_NOW } });
    assert.equal(r.code, 0, describeRun(r));
    const dir = path.join(repo, '.sdd/approvals/login');
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1);
    const record = JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
    const show = parseJsonDocument((await sdd(['show', 'login', '--json'], { cwd: repo })).stdout).spec as { content_hash: string };
    assert.equal(record.decision, 'approved');
    assert.equal(record.principal, 'bob@example.com');
    assert.equal(record.content_hash, show.content_hash);
    assert.equal(record.commit, git(repo, 'rev-parse', 'HEAD'));
    assert.equal(record.timestamp, new Date(FIXTURE_NOW).toISOString());

    const approved = parseJsonDocument((await sdd(['query', 'approved:true', '--json'], { cwd: repo })).stdout).specs as Array<{ id: string }>;
    assert.deepEqual(approved.map((s) => s.id), ['login']);
  });

  it('the owner may not approve their own spec: exit 2, nothing written', async () => {
    const repo = makeProject();
    const r = await sdd(['approve', 'login', '--as', 'ada@example.com'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(fs.existsSync(path.join(repo, '.sdd/approvals/login')), false);
  });
});
