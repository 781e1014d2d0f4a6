import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd cache rebuild', () => {
  it('re-reads every spec file and counts files and specs', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/broken.md', '---\nid: [oops\n---\n');
    const r = await sdd(['cache', 'rebuild', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const doc = parseJsonDocument(r.stdout);
    assert.equal(doc.files, 4);
    assert.equal(doc.specs, 3);
  });
});
