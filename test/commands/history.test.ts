import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { expectGolden, normalise } from '../helpers/golden.js';
import { commitAll, LOGIN, makeProject } from '../helpers/project.js';

describe('sdd history', () => {
  const repo = makeProject();
  writeFile(repo, '.sdd/specs/auth/login.md', LOGIN.replace('five failures', 'three failures'));
  commitAll(repo, 'login: lock sooner', '2024-05-03T08:30:00Z');
  writeFile(repo, '.sdd/specs/auth/login.md', LOGIN.replace('five failures', 'three failures').replace('status: review', 'status: draft'));
  commitAll(repo, 'login: back to draft', '2024-05-04T12:00:00Z');

  it('lists each committed version with its date, commit, author and status (golden)', async () => {
    const r = await sdd(['history', 'login'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    expectGolden('history-login.txt', normalise(r.stdout, repo));
  });

  it('--json: one version per content change, newest status last', async () => {
    const r = await sdd(['history', 'login', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const versions = parseJsonDocument(r.stdout).versions as Array<{ status: string }>;
    assert.equal(versions.length, 3);
    assert.deepEqual(versions.map((v) => v.status), ['review', 'review', 'draft']);
  });
});
