import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { openIndex, type Db } from '../../src/cache/db.js';
import { ftsText, search, toFtsQuery } from '../../src/cache/search.js';
import { SddError } from '../../src/core/shared/errors.js';
import { sddVersion } from '../../src/core/project/package-info.js';
import { describeRun, makeTempDir, markdownSpec, runSdd, writeSpec } from '../helpers/cli.js';
import { generateSpecs, writeCorpus } from '../helpers/corpus.js';

/**
 * search() against a real index (built once by the CLI): whatever the user types, SQLite never
 * sees it as FTS5 syntax, so the only outcomes are results or "Nothing to search for".
 */

/** Pieces of text that mean something to FTS5, SQL or the shell, plus words that do occur. */
const piece = fc.constantFrom(
  '"', "'", '*', '**', 'NEAR', 'NEAR(', 'NEAR/2', 'AND', 'OR', 'NOT', 'and', '(', ')', '-', '^', ':', '+', '{', '}', '[', ']', ',', '.',
  '\\', '/', '%', '_', '\0', ' ', '  ', '\t', '\n', 'title:', 'body:', 'req_text:', '{title body}:', 'spec_fts', 'rank', 'bm25(',
  'cobalt', 'lantern', 'REQ-001', 'MUST', 'é', 'Ünïcödé', '日本語', 'ß', 'İ', '\u0301', '\u200b', '\ufeff', '😀', '👩‍💻', '🇫🇷', '\ud800', '０１２',
);
const soup = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
const anyText = fc.oneof(soup, fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));

/** True when `text` has something toFtsQuery turns into a term. */
const hasWord = (text: string) => /[\p{L}\p{N}_]/u.test(text);

// @sdd query-language/QRY-005
describe('search: arbitrary user text never reaches FTS5 as syntax', () => {
  let db: Db;
  let ids: Set<string>;

  before(async () => {
    const dir = makeTempDir('sdd-search-prop-');
    const specs = generateSpecs(40, { seed: 9 });
    writeCorpus(dir, specs);
    writeSpec(dir, 'odd.md', markdownSpec({ id: 'odd', title: 'Ünïcödé 日本語 😀 "quoted" NEAR AND OR', status: 'draft' }, '\nBody with * and ^ and (parens) and REQ-001.\n'));
    const r = await runSdd(['list', '--json'], { cwd: dir });
    assert.equal(r.code, 0, describeRun(r));
    ids = new Set([...specs.map((s) => s.id), 'odd']);
    ({ db } = await openIndex(path.join(dir, '.sdd', '.cache', 'sdd.db'), sddVersion()));
  });

  after(() => db?.close());

  /** Runs one search; returns the hit ids, or null for the one allowed error. */
  function trySearch(text: string, type: 'spec' | 'requirement'): string[] | null {
    try {
      return search(db, { text, type, limit: 50 }).hits.map((h) => h.id);
    } catch (err) {
      assert.ok(err instanceof SddError, `${JSON.stringify(text)} (${type}) threw ${String(err)}`);
      assert.equal(err.code, 'invalid_argument', `${JSON.stringify(text)}: ${err.message}`);
      assert.equal(err.message, `Nothing to search for in "${text}"`);
      return null;
    }
  }

  it('spec search: results, or invalid_argument exactly when the text has no word', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const hits = trySearch(text, 'spec');
        assert.equal(hits === null, !hasWord(text), `${JSON.stringify(text)}: ${hits === null ? 'rejected' : 'searched'}`);
        for (const id of hits ?? []) assert.ok(ids.has(id), `unknown id ${id}`);
      }),
      { numRuns: 1500, seed: 42 },
    );
  });

  it('requirement search: the same', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const hits = trySearch(text, 'requirement');
        assert.equal(hits === null, !hasWord(text), `${JSON.stringify(text)}: ${hits === null ? 'rejected' : 'searched'}`);
      }),
      { numRuns: 1000, seed: 43 },
    );
  });

  it('filters with hostile values are bound, not spliced', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 3 }), fc.array(anyText, { maxLength: 3 }), (domain, status) => {
        const hits = search(db, { text: 'cobalt', type: 'spec', domain, status, limit: 50 }).hits;
        for (const h of hits) {
          if (domain.length) assert.ok(domain.includes(h.domain!), 'domain filter');
          if (status.length) assert.ok(status.includes(h.status), 'status filter');
        }
      }),
      { numRuns: 300, seed: 44 },
    );
  });

  it('operators and punctuation in the text are matched as words', () => {
    // The odd spec's title holds the words NEAR, AND and OR; they must be found like any word.
    assert.deepEqual(trySearch('NEAR AND OR', 'spec'), ['odd']);
    assert.deepEqual(trySearch('"NEAR AND OR"', 'spec'), ['odd']);
    assert.deepEqual(trySearch('日本語 😀 ünïcödé*', 'spec'), ['odd']);
    assert.deepEqual(trySearch('title:odd', 'spec'), []);
  });

  it('toFtsQuery makes every term a string literal', () => {
    assert.deepEqual(toFtsQuery('a NEAR(b) "c d" e* -f ^g h:i'), { stemmed: '"a" "NEAR" "b" "c d" "f" "g" "h" "i"', prefixes: '"e"*' });
    assert.equal(ftsText(toFtsQuery('"unterminated phrase')!), '"unterminated phrase"');
    assert.deepEqual(toFtsQuery('sess* tok*'), { stemmed: null, prefixes: '"sess"* "tok"*' });
    assert.equal(toFtsQuery('* - ^ ( ) " "'), null);
  });
});
