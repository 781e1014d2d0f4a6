import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd, runCommand } from '../helpers/in-process.js';
import { expectGolden, normalise } from '../helpers/golden.js';
import { makeProject } from '../helpers/project.js';
import { run } from '../../src/commands/list.js';

describe('sdd list', () => {
  const repo = makeProject();

  it('prints one tab-separated line per spec, sorted by id (golden)', async () => {
    const r = await sdd(['list'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr, '');
    expectGolden('list.txt', normalise(r.stdout, repo));
  });

  it('on a terminal: an aligned table with a header (golden)', async () => {
    const r = await sdd(['list'], { cwd: repo, tty: true });
    assert.equal(r.code, 0, describeRun(r));
    expectGolden('list-table.txt', normalise(r.stdout, repo));
  });

  it('filters by status and domain from the front matter', async () => {
    const drafts = await sdd(['list', '--status', 'draft'], { cwd: repo });
    assert.deepEqual(drafts.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['reports', 'session']);
    const auth = await runCommand(run, { args: [], domain: ['auth'], sort: '-id' }, { cwd: repo });
    assert.equal(auth.code, 0);
    assert.deepEqual(auth.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['session', 'login']);
  });

  it('--count and --json agree with the number of spec files', async () => {
    const count = await runCommand(run, { args: [], sort: 'id', count: true }, { cwd: repo });
    assert.equal(count.stdout, '3\n');
    const json = await runCommand(run, { args: [], sort: 'id' }, { cwd: repo, globals: { json: true } });
    const doc = parseJsonDocument(json.stdout);
    assert.equal(doc.count, 3);
    assert.deepEqual((doc.specs as Array<{ id: string; phase: number }>).map((s) => [s.id, s.phase]), [['login', 1], ['reports', 3], ['session', 2]]);
  });
});
