import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, makeGitRepo, markdownSpec, parseJsonDocument, writeSpec, type RunResult } from '../helpers/cli.js';
import { generateSpecs, writeCorpus } from '../helpers/corpus.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * `sdd search` end to end: ranking (title above body), requirement hits with their lines, the
 * domain and status filters, <mark> snippets in JSON, and hostile input.
 */

interface Hit {
  id: string;
  title: string;
  status: string;
  domain: string | null;
  file: string;
  score: number;
  requirement?: string;
  line?: number;
  keyword?: string | null;
  snippet: string;
}

function jsonOf(r: RunResult, what: string): Record<string, unknown> {
  assert.equal(r.code, 0, `${what}\n${describeRun(r)}`);
  assert.equal(r.stderr, '', `${what}: stderr\n${describeRun(r)}`);
  return parseJsonDocument(r.stdout);
}

const resultsOf = (doc: Record<string, unknown>) => doc.results as Hit[];

const FILLER = 'This section explains the overall flow in plain words so that readers can follow along easily.';

/** The 1-based line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not found`);
  return i + 1;
}

describe('e2e: sdd search', () => {
  let repo: string;
  const texts = new Map<string, string>();
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo });

  before(async () => {
    repo = makeGitRepo();
    // Noise: specs that never mention the words searched for below.
    writeCorpus(repo, generateSpecs(40, { seed: 3 }));
    const spec = (id: string, fields: Record<string, string>, body: string) => {
      const text = markdownSpec({ id, status: 'draft', domain: 'auth', ...fields }, body);
      writeSpec(repo, `handmade/${id}.md`, text);
      texts.set(id, text);
    };
    // Same length bodies; only where "wombat" appears differs.
    spec('in-title', { title: 'Wombat ledger' }, `\n${FILLER}\nNothing else to add near here.\n`);
    spec('in-body', { title: 'Ledger export' }, `\n${FILLER}\nThe wombat appears here only.\n`);
    spec('throttling', { title: 'Gateway limits', domain: 'infra', status: 'review' }, [
      '',
      '## Requirements',
      '',
      '- **REQ-001** The gateway MUST throttle bursts above the quota.',
      '- **REQ-002** The gateway SHOULD log every request.',
      '- **REQ-003** Operators MAY throttle a tenant by hand.',
      '',
    ].join('\n'));
    spec('throttle-billing', { title: 'Billing pacing', domain: 'billing', status: 'approved' }, '\n## Requirements\n\n- **BILL-7** Invoices MUST NOT throttle payments.\n');
    spec('throttle-draft', { title: 'Draft pacing', domain: 'billing' }, '\nWe might throttle one day.\n');
    const r = await sdd('list', '--json');
    assert.equal(r.code, 0, describeRun(r));
  });

  // @sdd query-language/QRY-004
  it('a spec with the term in its title ranks above one that mentions it only in the body', async () => {
    const doc = jsonOf(await sdd('search', 'wombat', '--json'), 'search wombat');
    const hits = resultsOf(doc);
    assert.deepEqual(hits.map((h) => h.id), ['in-title', 'in-body']);
    assert.ok(hits[0].score < hits[1].score, `bm25 scores: lower is better (${hits[0].score} vs ${hits[1].score})`);
    assert.equal(doc.count, 2);
    assert.equal(doc.type, 'spec');
  });

  // @sdd query-language/QRY-004
  it('--json snippets wrap each match in <mark>…</mark>', async () => {
    const hits = resultsOf(jsonOf(await sdd('search', 'wombat', '--json'), 'snippets'));
    assert.match(hits[0].snippet, /<mark>Wombat<\/mark>/);
    assert.match(hits[1].snippet, /The <mark>wombat<\/mark> appears here only\./);
    for (const h of hits) assert.doesNotMatch(h.snippet, /[\u0002\u0003]/, 'no raw highlight markers');
  });

  it('plain output: one tab-separated line per hit, no markers', async () => {
    const r = await sdd('search', 'wombat');
    assert.equal(r.code, 0, describeRun(r));
    const lines = r.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(lines.map((l) => l.slice(0, 3)), [
      ['in-title', '.sdd/specs/handmade/in-title.md', 'Wombat ledger'],
      ['in-body', '.sdd/specs/handmade/in-body.md', 'Ledger export'],
    ]);
    assert.match(lines[1][3], /The wombat appears here only\./);
  });

  it('--type requirement returns requirement ids with their file lines and keywords', async () => {
    const doc = jsonOf(await sdd('search', 'throttle', '--type', 'requirement', '--json'), 'requirements');
    const hits = resultsOf(doc);
    assert.equal(doc.type, 'requirement');
    assert.deepEqual(
      hits.map((h) => [h.id, h.requirement, h.line, h.keyword]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      [
        ['throttle-billing', 'BILL-7', lineOf(texts.get('throttle-billing')!, 'BILL-7'), 'MUST NOT'],
        ['throttling', 'REQ-001', lineOf(texts.get('throttling')!, 'REQ-001'), 'MUST'],
        ['throttling', 'REQ-003', lineOf(texts.get('throttling')!, 'REQ-003'), 'MAY'],
      ],
    );
    // The matched word, and only it, is marked (not a word a few tokens off).
    for (const h of hits) assert.deepEqual(h.snippet.match(/<mark>[^<]*<\/mark>/g), ['<mark>throttle</mark>'], h.snippet);
  });

  it('--type requirement in plain output shows id:line', async () => {
    const r = await sdd('search', 'quota', '--type', 'requirement');
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => l.split('\t').slice(0, 2)), [['throttling', `REQ-001:${lineOf(texts.get('throttling')!, 'REQ-001')}`]]);
  });

  it('--domain and --status filter the hits', async () => {
    const [all, billing, review, both, none] = await Promise.all([
      sdd('search', 'throttle', '--json'),
      sdd('search', 'throttle', '--domain', 'billing', '--json'),
      sdd('search', 'throttle', '--status', 'review,approved', '--json'),
      sdd('search', 'throttle', '--domain', 'billing', '--status', 'draft', '--json'),
      sdd('search', 'throttle', '--domain', 'search', '--json'),
    ]);
    const ids = (r: RunResult, what: string) => resultsOf(jsonOf(r, what)).map((h) => h.id).sort();
    assert.deepEqual(ids(all, 'all'), ['throttle-billing', 'throttle-draft', 'throttling']);
    assert.deepEqual(ids(billing, '--domain billing'), ['throttle-billing', 'throttle-draft']);
    assert.deepEqual(ids(review, '--status review,approved'), ['throttle-billing', 'throttling']);
    assert.deepEqual(ids(both, '--domain billing --status draft'), ['throttle-draft']);
    assert.deepEqual(ids(none, '--domain search'), []);
  });

  it('phrases, prefixes and --limit', async () => {
    const [phrase, wrongOrder, prefix, limited] = await Promise.all([
      sdd('search', '"gateway MUST throttle"', '--json'),
      sdd('search', '"throttle gateway"', '--json'),
      sdd('search', 'wom*', '--json'),
      sdd('search', 'throttle', '--limit', '1', '--json'),
    ]);
    assert.deepEqual(resultsOf(jsonOf(phrase, 'phrase')).map((h) => h.id), ['throttling']);
    assert.deepEqual(resultsOf(jsonOf(wrongOrder, 'phrase in the wrong order')).map((h) => h.id), []);
    assert.deepEqual(resultsOf(jsonOf(prefix, 'prefix')).map((h) => h.id), ['in-title', 'in-body']);
    assert.equal(resultsOf(jsonOf(limited, '--limit 1')).length, 1);
  });

  it('search syntax in user text is searched as words, never interpreted', async () => {
    const cases: Array<[string[], string[]]> = [
      // Every word must match, operators included: only in-title has "near" (in its body).
      [['wombat', 'NEAR(ledger'], ['in-title']],
      [['"wombat'], ['in-title', 'in-body']],
      [['wombat', 'OR', 'gateway'], []],
      [['ledger*', 'AND', ')'], []],
      [['ledger*', ')', '(', 'wombat'], ['in-title', 'in-body']],
      [['^wombat:', '(ledger)'], ['in-title', 'in-body']],
      [['title:wombat'], []],
      [['wombat', '😀', 'ledger'], ['in-title', 'in-body']],
    ];
    const runs = await Promise.all(cases.map(([args]) => sdd('search', ...args, '--json')));
    runs.forEach((r, i) => assert.deepEqual(resultsOf(jsonOf(r, cases[i][0].join(' '))).map((h) => h.id), cases[i][1], cases[i][0].join(' ')));
  });

  it('a word with a leading dash is searched for, not taken for an option (README: dashes are plain words)', async () => {
    const [separated, bare] = await Promise.all([sdd('search', '--json', '--', '-wombat', 'near'), sdd('search', '-wombat', 'near', '--json')]);
    assert.deepEqual(resultsOf(jsonOf(separated, 'after --')).map((h) => h.id), ['in-title']);
    assert.deepEqual(resultsOf(jsonOf(bare, '-wombat as the first word')).map((h) => h.id), ['in-title']);
  });

  it('text without a single word is an invalid_argument error, exit 2', async () => {
    const [json, plain] = await Promise.all([sdd('search', '*', '"', '--json'), sdd('search', '(-)', '^')]);
    assert.equal(json.code, 2, describeRun(json));
    assert.equal(json.stderr, '');
    const error = parseJsonDocument(json.stdout).error as Record<string, unknown>;
    assert.equal(error.code, 'invalid_argument');
    assert.equal(error.message, 'Nothing to search for in "* ""');
    assert.equal(plain.code, 2, describeRun(plain));
    assert.equal(plain.stdout, '');
    assert.match(plain.stderr, /^Error: Nothing to search for in "\(-\) \^"$/m);
  });

  it('a requirement whose id changed is not found by its old id; snippets mark the matched word', async () => {
    const write = (reqId: string) =>
      writeSpec(repo, 'handmade/renumbered.md', markdownSpec({ id: 'renumbered', title: 'Renumbered', status: 'draft' }, `\n- **${reqId}** Parcels MUST carry a zorbit label.\n`));
    write('QUUX-5');
    /** Exactly the matched word is marked, wherever the snippet starts. */
    const assertMarksZorbit = (snippet: string) => {
      assert.ok(snippet.includes('Parcels MUST carry a <mark>zorbit</mark> label.'), snippet);
      assert.deepEqual(snippet.match(/<mark>[^<]*<\/mark>/g), ['<mark>zorbit</mark>'], snippet);
    };
    const before = resultsOf(jsonOf(await sdd('search', 'zorbit', '--type', 'requirement', '--json'), 'before the edit'));
    assert.deepEqual(before.map((h) => [h.id, h.requirement]), [['renumbered', 'QUUX-5']]);
    assertMarksZorbit(before[0].snippet);
    write('REQ-001');
    const [oldId, text] = await Promise.all([
      sdd('search', 'quux', '--type', 'requirement', '--json'),
      sdd('search', 'zorbit', '--type', 'requirement', '--json'),
    ]);
    // Whatever the old row indexed must be gone with it: no hit for the old id's words.
    assert.deepEqual(resultsOf(jsonOf(oldId, 'old id after the edit')).map((h) => [h.id, h.requirement]), []);
    const hits = resultsOf(jsonOf(text, 'text after the edit'));
    assert.deepEqual(hits.map((h) => [h.id, h.requirement]), [['renumbered', 'REQ-001']]);
    assertMarksZorbit(hits[0].snippet);
  });
});
