import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { openIndex, type Db } from '../../src/cache/db.js';
import { search } from '../../src/cache/search.js';
import { compileQuery, runQuery } from '../../src/cache/query.js';
import { parseQuery } from '../../src/core/query/parser.js';
import { sddVersion } from '../../src/core/project/package-info.js';
import { describeRun, makeTempDir, markdownSpec, runSdd, writeSpec } from '../helpers/cli.js';
import { tokens } from '../helpers/corpus.js';

/**
 * A prefix term finds every word a reader sees starting with it, although the index stores
 * porter stems ("deprecated" → "deprec"). The expected answer comes from an independent
 * tokenizer (test/helpers/corpus.ts) over generated text full of inflected words.
 */

// Families whose stems are not prefixes of their words, or of each other's prefixes.
const VOCABULARY = [
  'deprecated', 'deprecation', 'deprecating', 'deprecates', 'connection', 'connected', 'connecting', 'running', 'runner', 'runs',
  'happy', 'happiness', 'happily', 'generalization', 'generated', 'generous', 'relational', 'relation', 'relativity', 'conditional',
  'caresses', 'ponies', 'agreed', 'agreement', 'hopping', 'hoping', 'sized', 'sizes', 'tokens', 'tokenizer', 'sessions', 'session',
];

function generated(seed: number, count: number): Array<{ id: string; title: string; body: string }> {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  return Array.from({ length: count }, (_, i) => {
    const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[next(VOCABULARY.length)]).join(' ');
    return { id: `p-${String(i).padStart(3, '0')}`, title: words(2), body: `${words(6)}.\n\n${words(5)}, ${words(3)}.\n` };
  });
}

// @sdd query-language/QRY-009
describe('prefix search matches unstemmed words', () => {
  const specs = generated(5, 60);
  let db: Db;

  before(async () => {
    const dir = makeTempDir('sdd-prefix-');
    for (const s of specs) writeSpec(dir, `${s.id}.md`, markdownSpec({ id: s.id, title: s.title, status: 'draft' }, s.body));
    const r = await runSdd(['list', '--json'], { cwd: dir });
    assert.equal(r.code, 0, describeRun(r));
    ({ db } = await openIndex(path.join(dir, '.sdd', '.cache', 'sdd.db'), sddVersion()));
  });

  after(() => db?.close());

  const expected = (...prefixes: string[]) => specs
    .filter((s) => prefixes.every((p) => tokens(`${s.title} ${s.body}`).some((w) => w.startsWith(p))))
    .map((s) => s.id);
  const searched = (text: string) => search(db, { text, type: 'spec', limit: 1000 }).hits.map((h) => h.id).sort();
  const queried = (text: string) => runQuery(db, compileQuery(parseQuery(text)), {}).map((s) => s.id);

  it('the reported case: deprecat* finds deprecated, deprecation and deprecating', () => {
    const want = expected('deprecat');
    assert.ok(want.length > 10);
    assert.deepEqual(searched('deprecat*'), want);
    assert.deepEqual(queried('deprecat*'), want);
  });

  it('any prefix of any vocabulary word, alone or with a second prefix, in search and in query', () => {
    const prefix = fc.tuple(fc.constantFrom(...VOCABULARY), fc.integer({ min: 1, max: 12 })).map(([w, n]) => w.slice(0, n));
    fc.assert(
      fc.property(prefix, fc.option(prefix, { nil: undefined }), (a, b) => {
        const terms = b === undefined ? [a] : [a, b];
        const text = terms.map((t) => `${t}*`).join(' ');
        assert.deepEqual(searched(text), expected(...terms), text);
        assert.deepEqual(queried(text), expected(...terms), text);
      }),
      { numRuns: 300, seed: 23 },
    );
  });

  it('a whole word still matches its stemmed relatives, and mixes with a prefix', () => {
    // porter: "connection" and "connected" share the stem "connect".
    const withConnect = specs.filter((s) => tokens(`${s.title} ${s.body}`).some((w) => /^connect(ion|ed|ing)$/.test(w))).map((s) => s.id);
    assert.deepEqual(searched('connection'), withConnect);
    const both = withConnect.filter((id) => expected('happ').includes(id));
    assert.deepEqual(searched('connection happ*'), both);
    assert.deepEqual(queried('connection happ*'), both);
  });
});
