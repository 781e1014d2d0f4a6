import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd trace', () => {
  it('maps each requirement to the code and tests that tag it', async () => {
    const repo = makeProject();
    writeFile(repo, 'test/login.test.ts', '\n\n// @sdd login/REQ-002\n');
    const r = await sdd(['trace', 'login', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const reqs = parseJsonDocument(r.stdout).requirements as Array<{ id: string; impl: Array<{ file: string; line: number }>; test: Array<{ file: string; line: number }> }>;
    const where = (refs: Array<{ file: string; line: number }>) => refs.map((x) => `${x.file}:${x.line}`);
    assert.deepEqual(reqs.map((q) => [q.id, where(q.impl), where(q.test)]), [
      ['REQ-001', ['src/login.ts:1'], []],
      ['REQ-002', [], ['test/login.test.ts:3']],
    ]);
    const text = await sdd(['trace', 'login'], { cwd: repo });
    assert.match(text.stdout, /impl\s+src\/login\.ts:1/);
  });
});
