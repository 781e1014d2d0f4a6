import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { openIndex, type Db } from '../../src/cache/db.js';
import { compileQuery, countQuery, specFilesMatching, querySql, runQuery } from '../../src/cache/query.js';
import { parseQuery, QuerySyntaxError } from '../../src/core/query/parser.js';
import { sddVersion } from '../../src/core/project/package-info.js';
import { describeRun, makeTempDir, markdownSpec, runSdd, writeSpec } from '../helpers/cli.js';
import { generateSpecs, tokens, writeCorpus, type CorpusSpec } from '../helpers/corpus.js';

/**
 * compileQuery + runQuery against a real index (built once by the CLI), compared with JavaScript
 * predicates over the generator's model: random boolean combinations of leaves, random text.
 */

const SPECS = generateSpecs(120, { seed: 31 });
const words = new Map(SPECS.map((s) => [s.id, new Set([...tokens(s.title), ...tokens(s.body)])]));
const num = (s: CorpusSpec) => (typeof s.phase === 'number' ? s.phase : null);

interface Expr {
  q: string;
  f: (s: CorpusSpec) => boolean;
}

/** Leaves whose truth is known from the model; several are about keys some specs lack. */
const LEAVES: Expr[] = [
  { q: 'status:review', f: (s) => s.status === 'review' },
  { q: 'status=draft', f: (s) => s.status === 'draft' },
  { q: 'domain:AUTH', f: (s) => s.domain === 'auth' },
  { q: 'phase>=2', f: (s) => num(s) !== null && num(s)! >= 2 },
  { q: 'phase<3', f: (s) => num(s) !== null && num(s)! < 3 },
  { q: 'phase:beta', f: (s) => s.phase === 'beta' },
  { q: 'priority:high', f: (s) => s.priority === 'high' },
  { q: 'estimate>5', f: (s) => s.estimate !== null && s.estimate > 5 },
  { q: 'tag:security', f: (s) => s.tags.includes('security') },
  { q: 'tag:api', f: (s) => s.tags.includes('api') },
  { q: 'owner:bob@example.test', f: (s) => s.owner === 'bob@example.test' },
  { q: 'updated_after:2024-03-01', f: (s) => s.updated > '2024-03-01' },
  { q: 'requirement:REQ-002', f: (s) => s.requirements.length >= 2 },
  { q: 'title:z*', f: (s) => tokens(s.title).some((w) => w.startsWith('z')) },
  { q: 'cobalt', f: (s) => words.get(s.id)!.has('cobalt') },
  { q: 'harbor', f: (s) => words.get(s.id)!.has('harbor') },
];

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => {
  const sub = tie('e');
  return {
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...LEAVES),
      fc.tuple(sub, sub).map(([a, b]) => ({ q: `(${a.q} AND ${b.q})`, f: (s: CorpusSpec) => a.f(s) && b.f(s) })),
      fc.tuple(sub, sub).map(([a, b]) => ({ q: `(${a.q} ${b.q})`, f: (s: CorpusSpec) => a.f(s) && b.f(s) })),
      fc.tuple(sub, sub).map(([a, b]) => ({ q: `(${a.q} OR ${b.q})`, f: (s: CorpusSpec) => a.f(s) || b.f(s) })),
      sub.map((a) => ({ q: `NOT ${a.q}`, f: (s: CorpusSpec) => !a.f(s) })),
      sub.map((a) => ({ q: `-${a.q}`, f: (s: CorpusSpec) => !a.f(s) })),
    ),
  };
}).e;

/** Query text made of grammar pieces and hostile values, for "never an SQLite error". */
const querySoup = fc
  .array(
    fc.constantFrom(
      'status:', 'title:', 'phase>', 'phase>=', 'estimate<', 'tag=', 'dependent_of:', 'depends_on:', 'requirement:', 'created_after:',
      'text:', 'nosuch:', 'priority=', 'x', 'cobalt', 'REQ-001', '2', '2.5', '-1', '"', '\\"', "'", '%', '_', '\\', '*', '(', ')', ' ', '-',
      'AND', 'OR', 'NOT', 'NEAR', '^', '{', ':', '😀', 'é', '日本', ';', '--', '/*', "' OR 1=1 --",
      'has:', 'no:', ',', '"a b":', 'target-release:', 'a.b:', '__proto__:', 'constructor', 'toString=', '2024-02-30', '2024-01-01',
      'T10:00Z', '+02:00', '5.5', 'updated>', 'created<=', 'updated_before:', 'approval:', 'approved:', 'kind:', 'draft', 'review,', '=', '>=',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

// @sdd query-language/QRY-001, query-language/QRY-002
describe('query: compiled SQL agrees with the model', () => {
  let db: Db;

  before(async () => {
    const dir = makeTempDir('sdd-query-prop-');
    writeCorpus(dir, SPECS);
    // Titles and owners with LIKE's special characters, to check that prefixes match them literally
    // (owner is a whole-value field, so `owner:x*` is a LIKE prefix).
    writeSpec(dir, 'like/percent.md', markdownSpec({ id: 'like-percent', title: '100% done', owner: '100% done', status: 'draft' }));
    writeSpec(dir, 'like/underscore.md', markdownSpec({ id: 'like-underscore', title: 'a_b c', owner: 'a_b c', status: 'draft' }));
    writeSpec(dir, 'like/backslash.md', markdownSpec({ id: 'like-backslash', title: 'C:\\temp files', owner: 'C:\\temp files', status: 'draft' }));
    // What the two above would also match if % and _ were wildcards.
    writeSpec(dir, 'like/plain1.md', markdownSpec({ id: 'like-plain1', title: '1000 done', owner: '1000 done', status: 'draft' }));
    writeSpec(dir, 'like/plain2.md', markdownSpec({ id: 'like-plain2', title: 'axb c', owner: 'axb c', status: 'draft' }));
    const r = await runSdd(['list', '--json'], { cwd: dir });
    assert.equal(r.code, 0, describeRun(r));
    ({ db } = await openIndex(path.join(dir, '.sdd', '.cache', 'sdd.db'), sddVersion()));
  });

  after(() => db?.close());

  const ids = (q: string) => runQuery(db, compileQuery(parseQuery(q)), {}).map((s) => s.id).filter((id) => !id.startsWith('like-'));

  it('every leaf alone matches exactly the specs its predicate selects', () => {
    for (const leaf of LEAVES) {
      const expected = SPECS.filter(leaf.f).map((s) => s.id);
      assert.ok(expected.length > 0 && expected.length < SPECS.length, `${leaf.q} selects ${expected.length}`);
      assert.deepEqual(ids(leaf.q), expected, leaf.q);
    }
  });

  it('random AND / OR / NOT / - / juxtaposition trees match the model', () => {
    fc.assert(
      fc.property(expr, (e) => {
        assert.deepEqual(ids(e.q), SPECS.filter(e.f).map((s) => s.id), e.q);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('precedence without parentheses: NOT, then AND, then OR', () => {
    const [a, b, c] = ['status:review', 'tag:security', 'cobalt'].map((q) => LEAVES.find((l) => l.q === q)!);
    const expected = SPECS.filter((s) => a.f(s) || (!b.f(s) && c.f(s))).map((s) => s.id);
    assert.deepEqual(ids(`${a.q} OR NOT ${b.q} ${c.q}`), expected);
    assert.deepEqual(ids(`${a.q} OR -${b.q} AND ${c.q}`), expected);
  });

  it('Object.prototype names are ordinary field names, as in a policy scope', () => {
    for (const q of ['__proto__:x', 'constructor:x', 'toString:x', 'hasOwnProperty=1', 'has:__proto__', 'no:constructor']) {
      const expected = q.startsWith('no:') ? SPECS.length + 5 : 0;
      assert.equal(specFilesMatching(db, parseQuery(q)).size, expected, q);
    }
  });

  it('prefixes treat %, _ and \\ literally', () => {
    const like = (q: string) => runQuery(db, compileQuery(parseQuery(q)), {}).map((s) => s.id).filter((id) => id.startsWith('like-'));
    assert.deepEqual(like('owner:100%*'), ['like-percent']);
    assert.deepEqual(like('owner:1*'), ['like-percent', 'like-plain1']);
    assert.deepEqual(like('owner:a_*'), ['like-underscore']);
    assert.deepEqual(like('owner:a*'), ['like-plain2', 'like-underscore']);
    assert.deepEqual(like('owner:C:\\*'), ['like-backslash']);
    assert.deepEqual(like('owner:C:\\t*'), ['like-backslash']);
    assert.deepEqual(like('title=a_b*'), ['like-underscore']);
    assert.deepEqual(like('title=A_b*'), []);
  });

  it('any query text: a syntax error or an answer, never an SQLite error; one ? per parameter', () => {
    fc.assert(
      fc.property(fc.oneof(querySoup, fc.string({ unit: 'grapheme', maxLength: 40 })), (q) => {
        let ast;
        try {
          ast = parseQuery(q);
        } catch (err) {
          assert.ok(err instanceof QuerySyntaxError, `${JSON.stringify(q)} threw ${String(err)}`);
          return;
        }
        const compiled = compileQuery(ast);
        assert.equal((querySql(compiled, {}).match(/\?/g) ?? []).length, compiled.params.length, q);
        const rows = runQuery(db, compiled, { limit: 1000 });
        assert.equal(countQuery(db, compiled), rows.length, q);
      }),
      { numRuns: 1500, seed: 8 },
    );
  });
});
