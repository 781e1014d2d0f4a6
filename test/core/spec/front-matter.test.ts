import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import matter from 'gray-matter';
import { frontMatterYaml, splitFrontMatter } from '../../../src/core/spec/front-matter.js';
import { lineOfKey } from '../../../src/core/shared/key-line.js';

const texts: Array<[name: string, text: string]> = [
  ['plain', '---\nid: a\n---\n# A\n'],
  ['CRLF', '---\r\nid: a\r\n---\r\n# A\r\n'],
  ['a byte-order mark', '\uFEFF---\nid: a\n---\nbody'],
  ['blanks after the fences', '---  \nid: a\n--- \nbody'],
  ['unclosed', '---\nid: a\ntitle: b\n'],
  ['closed at the end of the file', '---\nid: a\n---'],
  ['a line starting with --- closes it', '---\nid: a\n----\nbody'],
  ['a --- later in the body stays in the body', '---\nid: a\n---\ntext\n---\nmore'],
  ['empty front matter', '---\n---\nbody'],
];

describe('splitFrontMatter', () => {
  for (const [name, text] of texts) {
    it(`agrees with gray-matter on the body: ${name}`, () => {
      const block = splitFrontMatter(text);
      assert.ok(block);
      const theirs = matter(text, { engines: { yaml: () => ({}) } } as unknown as Parameters<typeof matter>[1]);
      assert.equal(text.slice(block.bodyStart), theirs.content);
      assert.equal(text.slice(block.start, block.end).trim(), theirs.matter.trim());
    });
  }

  it('gives the offsets of the YAML and the body', () => {
    assert.deepEqual(splitFrontMatter('---\nid: a\n---\nbody'), { start: 4, end: 10, bodyStart: 14, closed: true, lineOffset: 1 });
    assert.deepEqual(splitFrontMatter('---\nid: a\n'), { start: 4, end: 10, bodyStart: 10, closed: false, lineOffset: 1 });
    assert.equal(frontMatterYaml('\uFEFF---\r\nversion: 2\r\n---\r\n'), 'version: 2\r\n');
  });

  it('finds no front matter without an opening --- line', () => {
    for (const text of ['', 'id: a', '# A\n---\nid: a\n---', '----\nid: a\n---', ' ---\nid: a\n---', '---id: a\n---']) {
      assert.equal(splitFrontMatter(text), null, JSON.stringify(text));
    }
  });
});

describe('lineOfKey', () => {
  const yaml = 'id: a\nstatus: draft\nnested:\n  status: x\n"quoted": 1\n';
  it('finds top-level keys, quoted or not, and not nested ones', () => {
    assert.equal(lineOfKey(yaml, 'status'), 2);
    assert.equal(lineOfKey(yaml, 'quoted'), 5);
    assert.equal(lineOfKey(yaml, 'missing'), null);
    assert.equal(lineOfKey('a:\n  status: x\n', 'status'), null);
    assert.equal(lineOfKey(yaml, 'status', { fromLine: 3 }), null);
  });

  it('finds the keys of pretty-printed JSON with an indent allowed', () => {
    const json = JSON.stringify({ version: 1, signature: null, dependencies: { signature: 'x' } }, null, 2);
    assert.equal(lineOfKey(json, 'signature', { maxIndent: 4 }), 3);
    assert.equal(lineOfKey(json, 'signature'), null);
  });

  it('takes a key with regex characters literally', () => {
    assert.equal(lineOfKey('a.b: 1\naxb: 2\n', 'a.b'), 1);
    assert.equal(lineOfKey('axb: 2\n', 'a.b'), null);
  });
});
