import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describeRun, makeTempDir, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';

const spec = (tags: string, body: string) => `---\nid: m\ntitle: M\ntags: [${tags}]\n---\n${body}`;

describe('sdd merge-driver', () => {
  it('merges front-matter lists as sets and body lines, writing the result over ours', async () => {
    const dir = makeTempDir();
    const base = writeFile(dir, 'base.md', spec('a', 'line1\n'));
    const ours = writeFile(dir, 'ours.md', spec('a, b', 'line1\n'));
    const theirs = writeFile(dir, 'theirs.md', spec('a, c', 'line1\nline2\n'));
    const r = await sdd(['merge-driver', base, ours, theirs, '.sdd/specs/m.md'], { cwd: dir });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(fs.readFileSync(ours, 'utf8'), spec('a, b, c', 'line1\nline2\n'));
    assert.equal(fs.readFileSync(theirs, 'utf8'), spec('a, c', 'line1\nline2\n'));
  });

  it('a true conflict exits non-zero and leaves conflict markers in ours', async () => {
    const dir = makeTempDir();
    const base = writeFile(dir, 'base.md', spec('a', 'same\n'));
    const ours = writeFile(dir, 'ours.md', spec('a', 'ours\n'));
    const theirs = writeFile(dir, 'theirs.md', spec('a', 'theirs\n'));
    const r = await sdd(['merge-driver', base, ours, theirs, '.sdd/specs/m.md'], { cwd: dir });
    assert.notEqual(r.code, 0, describeRun(r));
    const merged = fs.readFileSync(ours, 'utf8');
    assert.match(merged, /^<<<<<<< /m);
    assert.match(merged, /^ours$/m);
    assert.match(merged, /^theirs$/m);
  });
});
