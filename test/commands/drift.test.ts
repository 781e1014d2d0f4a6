import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { expectGolden, normalise } from '../helpers/golden.js';
import { commitAll, makeProject } from '../helpers/project.js';

describe('sdd drift', () => {
  it('per spec: implemented and tested requirements from the @sdd tags in the code (golden)', async () => {
    const repo = makeProject();
    writeFile(repo, 'test/login.test.ts', '// @sdd login/REQ-002\n');
    writeFile(repo, 'src/session.ts', '// @sdd session/REQ-001\n');
    commitAll(repo, 'code');
    const r = await sdd(['drift'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    expectGolden('drift.txt', normalise(r.stdout, repo));
  });

  it('a tag naming an unknown requirement is orphaned drift: exit 1', async () => {
    const repo = makeProject();
    writeFile(repo, 'src/ghost.ts', '// @sdd login/REQ-404\n');
    const r = await sdd(['drift', '--json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    const doc = parseJsonDocument(r.stdout);
    assert.match(JSON.stringify(doc), /src\/ghost\.ts/);
    assert.match(JSON.stringify(doc), /REQ-404/);
  });
});
