import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { expectGolden, normalise } from '../helpers/golden.js';
import { makeProject } from '../helpers/project.js';

describe('sdd validate', () => {
  it('a valid project: exit 0 and the number of files checked (golden)', async () => {
    const repo = makeProject();
    const r = await sdd(['validate'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    expectGolden('validate-clean.txt', normalise(r.stdout, repo));
  });

  it('malformed YAML and a dangling dependency: exit 1, both named at their line (golden)', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/bad.md', '---\nid: [oops\n---\n');
    writeFile(repo, '.sdd/specs/auth/orphan.md', '---\nid: orphan\ntitle: Orphan\nstatus: draft\ndepends_on: [ghost]\n---\n');
    const r = await sdd(['validate'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    expectGolden('validate-problems.txt', normalise(r.stdout, repo));
    const json = await sdd(['validate', '--json'], { cwd: repo });
    assert.equal(json.code, 1, describeRun(json));
    const doc = parseJsonDocument(json.stdout);
    const files = JSON.stringify(doc);
    assert.match(files, /\.sdd\/specs\/bad\.md/);
    assert.match(files, /\.sdd\/specs\/auth\/orphan\.md/);
    assert.doesNotMatch(files, /login\.md/);
  });
});
