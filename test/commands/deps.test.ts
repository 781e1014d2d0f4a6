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
    assert.equal(r.stdout, 'login\t1\tsession\tUser Login\treview\n');
    assert.doesNotMatch(r.stdout, /reports/);
  });

  it('on a terminal: a table in columns, with a header', async () => {
    const r = await sdd(['deps', 'session'], { cwd: repo, tty: true });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'ID     STATUS  TITLE\nlogin  review  User Login\n');
  });

  it('in a pipe, nothing to list: empty stdout, the reason on stderr', async () => {
    const r = await sdd(['deps', 'reports'], { cwd: repo });
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^reports depends on nothing\.$/m);
  });

  it('--json: the dependencies of session, and none for reports', async () => {
    const session = await sdd(['deps', 'session', '--json'], { cwd: repo });
    assert.equal(session.code, 0, describeRun(session));
    assert.deepEqual((parseJsonDocument(session.stdout).dependencies as Array<{ id: string }>).map((d) => d.id), ['login']);
    const reports = await sdd(['deps', 'reports', '--json'], { cwd: repo });
    assert.deepEqual(parseJsonDocument(reports.stdout).dependencies, []);
  });
});
