import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { expectGolden, normalise } from '../helpers/golden.js';
import { makeProject } from '../helpers/project.js';

describe('sdd stats', () => {
  const repo = makeProject();

  it('counts specs by status and requirements by domain (golden)', async () => {
    const r = await sdd(['stats'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    expectGolden('stats.txt', normalise(r.stdout, repo));
  });

  it('--json: three specs, four requirements, one implemented (the tag in src/login.ts)', async () => {
    const r = await sdd(['stats', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const text = JSON.stringify(parseJsonDocument(r.stdout));
    assert.match(text, /"specs":3/);
    assert.match(text, /"requirements":4/);
    assert.match(text, /"implemented":1/);
  });
});
