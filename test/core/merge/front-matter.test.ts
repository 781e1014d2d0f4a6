import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mappingValues, mergeFrontMatter, type FrontMatterOptions } from '../../../src/core/merge/front-matter.js';
import { DEFAULT_LABELS } from '../../../src/core/git/merge-file.js';

/** Options whose line merge must never be needed: these cases have no multi-line values. */
const OPTS: FrontMatterOptions = {
  labels: DEFAULT_LABELS,
  conflictStyle: async () => 'merge',
  mergeLines: async () => assert.fail('no line merge expected'),
  lineOffset: 1,
};

describe('mergeFrontMatter', () => {
  it('declines what it cannot merge key by key, saying which side and why', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['flow mapping', '{id: a, title: b}\n', /^theirs: the mapping is written in flow style/],
      ['not a mapping', '- a\n- b\n', /^theirs: the YAML is not a mapping/],
      ['duplicate keys', 'id: a\nid: b\n', /^theirs: malformed YAML at line 3: Map keys must be unique/],
      ['bad syntax', 'id: [a\n', /^theirs: malformed YAML at line \d+/],
      ['complex key', '? [a, b]\n: c\n', /^theirs: a key is not a plain scalar/],
    ];
    for (const [name, theirs, reason] of cases) {
      const r = await mergeFrontMatter('id: a\n', 'id: a\n', theirs, OPTS);
      assert.equal(r.ok, false, name);
      if (!r.ok) assert.match(r.reason, reason, name);
    }
  });

  it('puts a conflict over a key ours deleted where theirs has it, and reports the expected values', async () => {
    const r = await mergeFrontMatter('id: a\nowner: ada\nstatus: draft\n', 'id: a\nstatus: review\n', 'id: a\nowner: bob\nstatus: draft\n', OPTS);
    assert.ok(r.ok);
    assert.deepEqual(r.conflicts, ['owner']);
    assert.equal(r.text, 'id: a\n<<<<<<< ours\n=======\nowner: bob\n>>>>>>> theirs\nstatus: review\n');
  });

  it('returns the values the merged text means, for the caller to check other merges against', async () => {
    const r = await mergeFrontMatter('id: a\ntags: [x]\n', 'id: b\ntags: [x, y]\n', 'id: a\ntags: [z, x]\n', OPTS);
    assert.ok(r.ok);
    assert.deepEqual(r.expected, { id: 'b', tags: ['x', 'y', 'z'] });
    assert.deepEqual(mappingValues(r.text), r.expected);
  });
});

describe('mappingValues', () => {
  it('reads a mapping, and answers null for anything else', () => {
    assert.deepEqual(mappingValues('a: 1\nb: [x]\n'), { a: 1, b: ['x'] });
    assert.deepEqual(mappingValues(''), {});
    assert.equal(mappingValues('- a\n'), null);
    assert.equal(mappingValues('a: *missing\n'), null);
  });
});
