import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, makeGitRepo, parseJsonDocument, type RunResult } from '../helpers/cli.js';
import { generateSpecs, tokens, writeCorpus, type CorpusSpec } from '../helpers/corpus.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * `sdd query` against ~300 generated specs: every answer is compared with a JavaScript filter over
 * the generator's own model of those specs, never with another sdd answer.
 */

const SPECS = generateSpecs(300, { seed: 20240611 });
const byId = new Map(SPECS.map((s) => [s.id, s]));

const textTokens = new Map(SPECS.map((s) => [s.id, { title: tokens(s.title), body: tokens(s.body) }]));
const hasWord = (s: CorpusSpec, w: string) => {
  const t = textTokens.get(s.id)!;
  return t.title.includes(w) || t.body.includes(w);
};
const adjacent = (list: string[], a: string, b: string) => list.some((w, i) => w === a && list[i + 1] === b);
const hasPhrase = (s: CorpusSpec, a: string, b: string) => {
  const t = textTokens.get(s.id)!;
  return adjacent(t.title, a, b) || adjacent(t.body, a, b);
};
const num = (v: CorpusSpec['phase']) => (typeof v === 'number' ? v : null);

const directDependents = new Map<string, string[]>();
for (const s of SPECS) for (const d of s.dependsOn) directDependents.set(d, [...(directDependents.get(d) ?? []), s.id]);

/** Every spec that reaches `id` through depends_on edges, excluding `id` itself. */
function dependentsOf(id: string): Set<string> {
  const found = new Set<string>();
  const queue = [id];
  while (queue.length) {
    for (const from of directDependents.get(queue.shift()!) ?? []) {
      if (from === id || found.has(from)) continue;
      found.add(from);
      queue.push(from);
    }
  }
  return found;
}

// A title that exists, and a spec with dependents two levels deep, picked from the model.
const someTitle = SPECS[17].title;
const deepTarget = SPECS.find((s) => [...dependentsOf(s.id)].some((d) => !byId.get(d)!.dependsOn.includes(s.id)))!.id;
const directTarget = SPECS.find((s) => SPECS.filter((o) => o.dependsOn.includes(s.id)).length >= 3)!.id;
const transitive = dependentsOf(deepTarget);

const QUERIES: Array<[query: string, expected: (s: CorpusSpec) => boolean]> = [
  ['status:review', (s) => s.status === 'review'],
  ['status:REVIEW', (s) => s.status === 'review'],
  ['status=review', (s) => s.status === 'review'],
  ['domain:auth AND phase:2', (s) => s.domain === 'auth' && s.phase === 2],
  ['domain:auth phase:2', (s) => s.domain === 'auth' && s.phase === 2],
  ['phase>=3', (s) => num(s.phase) !== null && num(s.phase)! >= 3],
  ['phase<2', (s) => num(s.phase) !== null && num(s.phase)! < 2],
  ['phase:beta', (s) => s.phase === 'beta'],
  ['estimate>5', (s) => s.estimate !== null && s.estimate > 5],
  ['estimate<=3 AND priority:high', (s) => s.estimate !== null && s.estimate <= 3 && s.priority === 'high'],
  ['estimate:5', (s) => s.estimate === 5],
  ['estimate>=2.5 estimate<3', (s) => s.estimate !== null && s.estimate >= 2.5 && s.estimate < 3],
  ['priority:HIGH', (s) => s.priority === 'high'],
  ['priority:low OR NOT priority:high', (s) => s.priority !== 'high'],
  ['updated_after:2024-06-01', (s) => s.updated > '2024-06-01'],
  ['created_before:2023-03-01', (s) => s.created < '2023-03-01'],
  ['created_after:2023-06-30 AND updated_before:2024-01-01', (s) => s.created > '2023-06-30' && s.updated < '2024-01-01'],
  ['tag:security', (s) => s.tags.includes('security')],
  ['tag:SECURITY OR tag:perf', (s) => s.tags.includes('security') || s.tags.includes('perf')],
  [`depends_on:${directTarget}`, (s) => s.dependsOn.includes(directTarget)],
  ['depends_on:ghost-spec', (s) => s.dependsOn.includes('ghost-spec')],
  [`dependent_of:${deepTarget}`, (s) => transitive.has(s.id)],
  ['requirement:REQ-003', (s) => s.requirements.some((r) => r.id === 'REQ-003')],
  ['title:cobalt*', (s) => tokens(s.title).some((w) => w.startsWith('cobalt'))],
  ['title=Cobalt*', (s) => s.title.startsWith('Cobalt')],
  ['title=cobalt*', () => false],
  // Words in order, anywhere in the title; title= compares the whole title.
  [`title:"${someTitle.toUpperCase()}"`, (s) => ` ${tokens(s.title).join(' ')} `.includes(` ${tokens(someTitle).join(' ')} `)],
  [`title="${someTitle}"`, (s) => s.title === someTitle],
  ['id:s-01*', (s) => s.id.startsWith('s-01')],
  ['id=S-001', () => false],
  ['owner:alice@example.test', (s) => s.owner === 'alice@example.test'],
  ['NOT status:draft AND domain:billing', (s) => s.status !== 'draft' && s.domain === 'billing'],
  // A query may start with -term, as `sdd query --help` shows ('-status:deprecated …').
  ['-tag:legacy (status:approved OR status:implemented)', (s) => !s.tags.includes('legacy') && (s.status === 'approved' || s.status === 'implemented')],
  ['(domain:auth OR domain:search) AND NOT phase>=2', (s) => (s.domain === 'auth' || s.domain === 'search') && !(num(s.phase) !== null && num(s.phase)! >= 2)],
  ['status:draft OR status:review domain:infra', (s) => s.status === 'draft' || (s.status === 'review' && s.domain === 'infra')],
  ['cobalt', (s) => hasWord(s, 'cobalt')],
  ['COBALT', (s) => hasWord(s, 'cobalt')],
  ['"cobalt lantern"', (s) => hasPhrase(s, 'cobalt', 'lantern')],
  ['cobalt -lantern', (s) => hasWord(s, 'cobalt') && !hasWord(s, 'lantern')],
  ['zephyr OR quasar', (s) => hasWord(s, 'zephyr') || hasWord(s, 'quasar')],
  ['harbor status:approved NOT tag:api', (s) => hasWord(s, 'harbor') && s.status === 'approved' && !s.tags.includes('api')],
  ['text:glacier', (s) => hasWord(s, 'glacier')],
];

function expectedIds(predicate: (s: CorpusSpec) => boolean): string[] {
  return SPECS.filter(predicate).map((s) => s.id).sort();
}

function jsonOf(r: RunResult, what: string): Record<string, unknown> {
  assert.equal(r.code, 0, `${what}\n${describeRun(r)}`);
  assert.equal(r.stderr, '', `${what}: stderr\n${describeRun(r)}`);
  return parseJsonDocument(r.stdout);
}

const idsOf = (doc: Record<string, unknown>) => (doc.specs as Array<{ id: string }>).map((s) => s.id);

// Each query spawns its own process; two or three at a time keep both cores busy.
describe('e2e: sdd query answers match the files', { concurrency: 3 }, () => {
  let repo: string;
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo });

  before(async () => {
    repo = makeGitRepo();
    writeCorpus(repo, SPECS);
    // Build the index once; every query below then reads it.
    const r = await sdd('cache', 'rebuild', '--json');
    assert.equal(r.code, 0, describeRun(r));
  });

  it('the generated corpus exercises the language (sanity of the test data)', () => {
    assert.ok(transitive.size > SPECS.filter((s) => s.dependsOn.includes(deepTarget)).length, 'dependent_of target has indirect dependents');
    for (const [query, predicate] of QUERIES) {
      const n = expectedIds(predicate).length;
      if (!/=REVIEW|=cobalt\*|=S-001/.test(query)) assert.ok(n > 0 && n < SPECS.length, `${query} selects ${n} of ${SPECS.length}`);
    }
  });

  for (const [query, predicate] of QUERIES) {
    it(`${query}`, async () => {
      const doc = jsonOf(await sdd('query', query, '--json'), query);
      const expected = expectedIds(predicate);
      assert.deepEqual(idsOf(doc), expected);
      assert.equal(doc.count, expected.length);
      assert.deepEqual(doc.warnings, []);
    });
  }

  it('each result carries the summary of its file', async () => {
    const doc = jsonOf(await sdd('query', 'domain:storage tag:ux', '--json'), 'summary');
    const expected = SPECS.filter((s) => s.domain === 'storage' && s.tags.includes('ux'));
    assert.ok(expected.length > 0);
    assert.deepEqual(doc.specs, expected.map((s) => ({
      id: s.id, title: s.title, status: s.status, kind: 'spec', phase: s.phase, domain: s.domain, owner: s.owner,
      tags: s.tags, depends_on: s.dependsOn, file: s.file,
    })));
  });

  it('--count prints the number of matches, plain and as JSON', async () => {
    const expected = expectedIds((s) => s.status === 'review' || hasWord(s, 'ember'));
    const [plain, json] = await Promise.all([sdd('query', 'status:review OR ember', '--count'), sdd('query', 'status:review OR ember', '--count', '--json')]);
    assert.equal(plain.code, 0, describeRun(plain));
    assert.equal(plain.stdout, `${expected.length}\n`);
    assert.equal(plain.stderr, '');
    assert.deepEqual(jsonOf(json, '--count --json'), { version: 1, query: 'status:review OR ember', count: expected.length, warnings: [] });
  });

  it('--sort -phase puts the highest phase first, ties in id order', async () => {
    const doc = jsonOf(await sdd('query', 'phase>=1', '--sort', '-phase', '--json'), '--sort -phase');
    const expected = SPECS.filter((s) => typeof s.phase === 'number')
      .sort((a, b) => (b.phase as number) - (a.phase as number) || (a.id < b.id ? -1 : 1))
      .map((s) => s.id);
    assert.deepEqual(idsOf(doc), expected);
  });

  it('--sort title --limit 7 returns the first seven by title', async () => {
    const doc = jsonOf(await sdd('query', 'domain:auth', '--sort', 'title', '--limit', '7', '--json'), '--sort title');
    const expected = SPECS.filter((s) => s.domain === 'auth')
      .sort((a, b) => (a.title.toLowerCase() < b.title.toLowerCase() ? -1 : a.title.toLowerCase() > b.title.toLowerCase() ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, 7)
      .map((s) => s.id);
    assert.deepEqual(idsOf(doc), expected);
    // count is the number of matches, as --count prints it; --limit only shortens the list.
    assert.equal(doc.count, SPECS.filter((s) => s.domain === 'auth').length);
  });

  it('--limit 0 returns nothing; a limit above the matches returns them all', async () => {
    const [zero, big] = await Promise.all([sdd('query', 'tag:api', '--limit', '0', '--json'), sdd('query', 'tag:api', '--limit', '100000', '--json')]);
    assert.deepEqual(idsOf(jsonOf(zero, '--limit 0')), []);
    assert.deepEqual(idsOf(jsonOf(big, '--limit big')), expectedIds((s) => s.tags.includes('api')));
  });

  it('a field no spec has matches nothing and is warned about (in the JSON, not on stderr)', async () => {
    const r = await sdd('query', 'prioritee:high', '--json');
    const doc = jsonOf(r, 'unknown field');
    assert.deepEqual(idsOf(doc), []);
    assert.equal((doc.warnings as string[]).length, 1);
    assert.match((doc.warnings as string[])[0], /no spec has a field named "prioritee"/);
    const plain = await sdd('query', 'prioritee:high');
    assert.equal(plain.code, 0, describeRun(plain));
    assert.equal(plain.stdout, '');
    assert.match(plain.stderr, /^warning: no spec has a field named "prioritee"/);
  });
});

// @sdd query-language/QRY-002
describe('e2e: sdd query --sql keeps user text out of the SQL', () => {
  let repo: string;
  before(() => {
    repo = makeGitRepo();
    writeCorpus(repo, SPECS.slice(0, 5));
  });

  const hostile = "x' OR 1=1 --";
  const query = `title:"${hostile}" OR owner="${hostile}" OR "${hostile}" OR priority:"${hostile}" OR tag:"${hostile}" OR phase:"${hostile}" OR created:"${hostile}" OR dependent_of:"${hostile}" OR requirement:"${hostile}" OR depends_on:"${hostile}" OR id:evil*`;

  it('--sql --json: every user value is a parameter, the SQL has only ? placeholders for them', async () => {
    const r = await runSddInProcess(['query', query, '--sql', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr, '');
    const doc = parseJsonDocument(r.stdout);
    const sql = doc.sql as string;
    const params = doc.params as Array<string | number>;
    assert.equal(typeof sql, 'string');
    assert.ok(!sql.includes('1=1'), `value leaked into SQL:\n${sql}`);
    assert.ok(!sql.includes('evil'), `value leaked into SQL:\n${sql}`);
    assert.ok(!sql.includes('x\''), `value leaked into SQL:\n${sql}`);
    // Nine field values, dependent_of's twice; the bare phrase as an FTS5 literal; the prefix as a LIKE pattern.
    assert.equal(params.filter((p) => p === hostile).length, 10);
    assert.ok(params.includes(`"${hostile}"`), 'full-text value travels as an FTS5 string literal parameter');
    assert.ok(params.includes('evil%'));
    assert.equal((sql.match(/\?/g) ?? []).length, params.length, 'one ? per parameter');
    // The only quoted literals in the SQL are sdd's own constants (LIKE's escape character).
    assert.deepEqual([...new Set(sql.match(/'[^']*'/g) ?? [])], ["'\\'"]);
  });

  it('--sql without --json prints the SQL, then the parameters as a comment', async () => {
    const r = await runSddInProcess(['query', `title:"${hostile}"`, '--sql'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const [sql, params, ...rest] = r.stdout.split('\n');
    assert.deepEqual(rest, ['']);
    assert.ok(!sql.includes('1=1'));
    assert.equal(params, `-- params: ${JSON.stringify([hostile, 0])}`);
  });

  it('the hostile value is searched for, literally: nothing matches, nothing breaks', async () => {
    const r = await runSddInProcess(['query', query, '--json'], { cwd: repo });
    const doc = jsonOf(r, 'hostile query');
    assert.deepEqual(idsOf(doc), []);
  });
});

// @sdd query-language/QRY-003
describe('e2e: sdd query syntax errors', { concurrency: 3 }, () => {
  let repo: string;
  before(() => {
    repo = makeGitRepo();
    writeCorpus(repo, SPECS.slice(0, 3));
  });

  const cases: Array<[query: string, message: string, caret: string]> = [
    ['status:review AND', 'AND has no term after it', '              ^^^'],
    ['(status:review', "unmatched '('", '^'],
    ['status:review)', "unmatched ')'", '             ^'],
    ['phase>= 2', "missing value after 'phase>=' (write the value right after the operator)", '       ^'],
    ['title:"open', 'unterminated quoted string', '      ^'],
    ['OR tag:x', 'OR has no term before it', '^^'],
    // The caret counts code points, so it lines up under the ( after an astral character.
    ['😀 AND (', "unmatched '('", '      ^'],
  ];

  for (const [query, message, caret] of cases) {
    it(`${query} → exit 2, the query and a caret on stderr`, async () => {
      const r = await runSddInProcess(['query', query], { cwd: repo });
      assert.equal(r.code, 2, describeRun(r));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `Query syntax error: ${message}\n  ${query}\n  ${caret}\nFix: Fix the query at the marked position; quote values that contain spaces or parentheses.\n`);
    });
  }

  it('with --json: one error document with code query_syntax, empty stderr, exit 2', async () => {
    const r = await runSddInProcess(['query', 'status:review AND', '--json'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stderr, '');
    const doc = parseJsonDocument(r.stdout);
    assert.equal(doc.ok, false);
    const error = doc.error as Record<string, unknown>;
    assert.equal(error.code, 'query_syntax');
    assert.equal(error.message, 'AND has no term after it');
  });
});
