import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd cache verify', () => {
  it('exit 0 on a fresh index; exit 1 naming a file edited since, without refreshing', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['list'], { cwd: repo })).code, 0);
    const fresh = await sdd(['cache', 'verify', '--json'], { cwd: repo });
    assert.equal(fresh.code, 0, describeRun(fresh));
    assert.deepEqual(parseJsonDocument(fresh.stdout).drift, []);

    fs.appendFileSync(path.join(repo, '.sdd/specs/billing/reports.md'), '\nMore text.\n');
    for (let i = 0; i < 2; i++) {
      const stale = await sdd(['cache', 'verify', '--json'], { cwd: repo });
      assert.equal(stale.code, 1, describeRun(stale));
      assert.deepEqual((parseJsonDocument(stale.stdout).drift as Array<{ file: string }>).map((d) => d.file), ['.sdd/specs/billing/reports.md']);
    }
  });
});

describe('sdd cache verify without an index', () => {
  it('right after `cache clear`: says the index is missing and will be rebuilt, exit 0, creating nothing', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['list'], { cwd: repo })).code, 0);
    assert.equal((await sdd(['cache', 'clear'], { cwd: repo })).code, 0);
    const text = await sdd(['cache', 'verify'], { cwd: repo });
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /^✓ no index yet \(.*sdd\.db\): the next read command or `sdd cache rebuild` builds it from the files$/m);
    assert.doesNotMatch(text.stdout, /not indexed/);
    const json = await sdd(['cache', 'verify', '--json'], { cwd: repo });
    assert.equal(json.code, 0, describeRun(json));
    const doc = parseJsonDocument(json.stdout);
    assert.equal(doc.ok, true);
    assert.equal(doc.missing, true);
    assert.equal(fs.existsSync(path.join(repo, '.sdd/.cache/sdd.db')), false);
  });
});
