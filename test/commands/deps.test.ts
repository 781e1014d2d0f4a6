import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd deps', () => {
  const repo = makeProject();

  it('lists what a spec depends on, with title and status from that spec', async () => {
    const r = await sdd(['deps', 'session'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^login\s+User Login\s+\[review\]$/m);
    assert.doesNotMatch(r.stdout, /reports/);
  });

  it('--json: the dependencies of session, and none for reports', async () => {
    const session = await sdd(['deps', 'session', '--json'], { cwd: repo });
    assert.equal(session.code, 0, describeRun(session));
    assert.deepEqual((parseJsonDocument(session.stdout).dependencies as Array<{ id: string }>).map((d) => d.id), ['login']);
    const reports = await sdd(['deps', 'reports', '--json'], { cwd: repo });
    assert.deepEqual(parseJsonDocument(reports.stdout).dependencies, []);
  });
});
