import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openCache } from '../../src/cache/open.js';
import { openGit } from '../../src/core/git/index.js';
import { SddError } from '../../src/core/shared/errors.js';
import { writeError } from '../../src/output.js';
import type { Env } from '../../src/env.js';
import * as query from '../../src/commands/query.js';
import * as list from '../../src/commands/list.js';
import * as search from '../../src/commands/search.js';
import * as graph from '../../src/commands/graph.js';
import { makeGitRepo, markdownSpec, writeSpec } from '../helpers/cli.js';

/**
 * The query language from the command line, in-process on a real project and a real index: each
 * row is the exact command, its exit code and what it must print (matching ids, or the error).
 */

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command's `run` the way the CLI does: an SddError becomes its message and exit code. */
async function sdd<O>(cwd: string, run: (env: Env, o: O) => Promise<number>, options: O, json = false): Promise<Outcome> {
  const out = { stdout: '', stderr: '' };
  const git = openGit(cwd, process.env);
  const env: Env = {
    cwd, isTTY: false, stderrIsTTY: false, color: false, json, quiet: false, now: () => new Date('2026-01-01T00:00:00Z'), vars: process.env, git,
    stdout: { write: (s) => void (out.stdout += s) },
    stderr: { write: (s) => void (out.stderr += s) },
    openCache: (opts) => openCache(cwd, { git, ...opts }),
  };
  try {
    return { code: await run(env, options), ...out };
  } catch (err) {
    // Anything but an SddError would reach the user as internal_error: the test fails on it.
    if (!(err instanceof SddError)) throw err;
    writeError(env, err);
    return { code: err.exitCode, ...out };
  }
}

const ids = (o: Outcome) => o.stdout.split('\n').filter(Boolean).map((line) => line.split('\t')[0]);

function project(): string {
  const dir = makeGitRepo();
  writeSpec(dir, 'auth/user-login.md', markdownSpec({
    id: 'user-login', title: 'User login', status: 'draft', domain: 'auth', owner: 'ada@example.com', phase: '1', tags: '[security]',
    updated: '2024-05-01', 'target-release': 'v1.31', 'ticket-id': '42', review: '{round: 2}', '"release date"': '2024-06-01', note: '""',
  }, '\n# User login\n\nPasswords and sessions.\n'));
  writeSpec(dir, 'auth/token-refresh.md', markdownSpec({
    id: 'token-refresh', title: 'Token refresh', status: 'review', domain: 'auth', owner: 'ada@example.com', phase: '2', reviewers: '[bob@example.com]',
    depends_on: '[user-login]', updated: '2024-05-17', estimate: '5.5',
  }, '\n# Token refresh\n\nThe old tokens are deprecated.\n\n- **REQ-001** The service MUST rotate the refresh token.\n'));
  writeSpec(dir, 'billing/invoices.md', markdownSpec({
    id: 'invoices', title: 'Invoices and login audit', status: 'approved', domain: 'billing', phase: 'beta', estimate: '5', reviewers: '[]', updated: 'soon',
  }, '\n# Invoices\n\nThe deprecation of paper invoices.\n'));
  return dir;
}

type Row = [command: string, options: Partial<query.QueryOptions>, code: number, expected: string[] | RegExp];

const q = (expr: string, extra: Partial<query.QueryOptions> = {}): Partial<query.QueryOptions> => ({ args: [expr], sort: 'id', ...extra });

// @sdd query-language/QRY-006, query-language/QRY-007, query-language/QRY-008, query-language/QRY-010
describe('sdd query: values, fields, matching (issue table)', () => {
  let dir: string;
  before(() => {
    dir = project();
  });

  const rows: Row[] = [
    // Text fields match words and prefixes; = is the whole value.
    ["sdd query 'title:login*'", q('title:login*'), 0, ['invoices', 'user-login']],
    ["sdd query 'title:login'", q('title:login'), 0, ['invoices', 'user-login']],
    ["sdd query 'title:\"user login\"'", q('title:"user login"'), 0, ['user-login']],
    ["sdd query 'title=\"User login\"'", q('title="User login"'), 0, ['user-login']],
    ["sdd query 'title=\"User\"'", q('title="User"'), 0, []],
    ["sdd query 'title:log'", q('title:log'), 0, []],
    // Values are checked against their field.
    ["sdd query 'status:reviw'", q('status:reviw'), 2, /Query syntax error: unknown status "reviw"\n  status:reviw\n  \^{12}\nFix: Did you mean "review"\?/],
    ["sdd query 'status=REVIEW'", q('status=REVIEW'), 2, /unknown status "REVIEW"/],
    ["sdd query 'status:rev*'", q('status:rev*'), 0, ['token-refresh']],
    ["sdd query 'status:zz*'", q('status:zz*'), 2, /unknown status "zz\*"/],
    ["sdd query 'status::draft'", q('status::draft'), 2, /unexpected ':' after 'status:'.*\n  status::draft\n {9}\^\n/],
    ["sdd query 'phase>=two'", q('phase>=two'), 2, /'phase>=two': >= compares phases as numbers/],
    ["sdd query 'phase<two'", q('phase<two'), 2, /'phase<two': < compares phases as numbers/],
    ["sdd query 'phase>=2'", q('phase>=2'), 0, ['token-refresh']],
    ["sdd query 'phase:beta'", q('phase:beta'), 0, ['invoices']],
    ["sdd query 'updated_before:yesterday'", q('updated_before:yesterday'), 2, /"yesterday" is not an ISO date/],
    ["sdd query 'updated_before:2026-13-45'", q('updated_before:2026-13-45'), 2, /"2026-13-45" is not an ISO date/],
    ["sdd query 'updated_after:2024-02-30'", q('updated_after:2024-02-30'), 2, /"2024-02-30" is not an ISO date/],
    ["sdd query 'updated_after:2024-05-01'", q('updated_after:2024-05-01'), 0, ['token-refresh']],
    ["sdd query 'updated_before:2024-05-02'", q('updated_before:2024-05-02'), 0, ['user-login']],
    ["sdd query 'updated>=2024-05-01'", q('updated>=2024-05-01'), 0, ['token-refresh', 'user-login']],
    ["sdd query 'updated>2024-05-01T12:00:00Z'", q('updated>2024-05-01T12:00:00Z'), 0, ['token-refresh']],
    ["sdd query 'NOT updated<2030-01-01'", q('NOT updated<2030-01-01'), 0, ['invoices']],
    ["sdd query 'estimate>abc'", q('estimate>abc'), 2, /'estimate>abc': > compares numbers or ISO dates, and "abc" is neither/],
    ["sdd query 'estimate>5'", q('estimate>5'), 0, ['token-refresh']],
    ["sdd query 'estimate:5'", q('estimate:5'), 0, ['invoices']],
    ["sdd query 'estimate>5*'", q('estimate>5*'), 2, /a comparison takes no \*/],
    ["sdd query 'title>m'", q('title>m'), 2, /title cannot be compared with >/],
    ["sdd query 'approved:maybe'", q('approved:maybe'), 2, /approved takes true or false/],
    ["sdd query 'approval:aproved'", q('approval:aproved'), 2, /unknown approval state "aproved"\n[\s\S]*Did you mean "approved"/],
    // Lists of values, as list --status takes them.
    ["sdd query 'status:draft,review'", q('status:draft,review'), 0, ['token-refresh', 'user-login']],
    ["sdd query 'status:draft,reviw'", q('status:draft,reviw'), 2, /unknown status "reviw"\n  status:draft,reviw\n {15}\^{5}\n/],
    ["sdd query 'status:draft,'", q('status:draft,'), 2, /empty value in the list/],
    // Any front-matter key is a field.
    ["sdd query 'target-release:v1.31'", q('target-release:v1.31'), 0, ['user-login']],
    ["sdd query 'ticket-id:42'", q('ticket-id:42'), 0, ['user-login']],
    ["sdd query 'ticket-id>=40'", q('ticket-id>=40'), 0, ['user-login']],
    ["sdd query 'review.round:2'", q('review.round:2'), 0, ['user-login']],
    ["sdd query '\"release date\":2024-06-01'", q('"release date":2024-06-01'), 0, ['user-login']],
    ["sdd query '\"release date\">2024-05-31'", q('"release date">2024-05-31'), 0, ['user-login']],
    // Presence.
    ["sdd query 'no:owner'", q('no:owner'), 0, ['invoices']],
    ["sdd query 'has:owner'", q('has:owner'), 0, ['token-refresh', 'user-login']],
    ["sdd query 'no:reviewers'", q('no:reviewers'), 0, ['invoices', 'user-login']],
    ["sdd query 'has:reviewer'", q('has:reviewer'), 0, ['token-refresh']],
    ["sdd query 'no:depends_on'", q('no:depends_on'), 0, ['invoices', 'user-login']],
    ["sdd query 'has:requirement'", q('has:requirement'), 0, ['token-refresh']],
    ["sdd query 'has:review'", q('has:review'), 0, ['user-login']],
    ["sdd query 'no:ticket-id'", q('no:ticket-id'), 0, ['invoices', 'token-refresh']],
    ["sdd query 'has:note'", q('has:note'), 0, []],
    ["sdd query 'has:approved'", q('has:approved'), 2, /has:approved: approved is not a stored field/],
    ["sdd query 'has:owner*'", q('has:owner*'), 2, /write has:<field>/],
    // Names that are Object.prototype's are just names.
    ["sdd query '__proto__:x'", q('__proto__:x'), 0, []],
    ["sdd query 'constructor:x'", q('constructor:x'), 0, []],
    ["sdd query 'toString:x OR hasOwnProperty:y'", q('toString:x OR hasOwnProperty:y'), 0, []],
    ["sdd query 'has:__proto__'", q('has:__proto__'), 0, []],
    ["sdd query x --sort toString", q('x', { sort: 'toString' }), 2, /Error: Cannot sort by "toString"/],
    ["sdd query x --sort __proto__", q('x', { sort: '__proto__' }), 2, /Error: Cannot sort by "__proto__"/],
    ["sdd query x --sort titel", q('x', { sort: 'titel' }), 2, /Did you mean "title"\?/],
    // Option values.
    ["sdd query x --limit 1e308", q('x', { limit: '1e308' }), 2, /Error: --limit must be a whole number from 0 to 1000000000, not "1e308"/],
    ["sdd query x --limit abc", q('x', { limit: 'abc' }), 2, /--limit must be a whole number/],
    ["sdd query x --limit -1", q('x', { limit: '-1' }), 2, /--limit must be a whole number/],
    ["sdd query x --limit 99999999999", q('x', { limit: '99999999999' }), 2, /--limit must be a whole number/],
    ["sdd query 'domain:auth' --limit 1", q('domain:auth', { limit: '1' }), 0, ['token-refresh']],
    // Bounds: a clear error, never a stack overflow or SQLite's "Expression tree is too large".
    ["sdd query 'NOT NOT … x' (2,000)", q(`${'NOT '.repeat(2000)}x`), 2, /nested too deeply: at most 50 levels/],
    ["sdd query '((( … x )))' (3,000)", q(`${'('.repeat(3000)}x${')'.repeat(3000)}`), 2, /nested too deeply/],
    ["sdd query 'a OR … ' (1,000 terms)", q(Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' OR ')), 2, /too many terms: at most 200/],
    ["sdd query 'tag:x OR …' (200 terms)", q(Array.from({ length: 200 }, (_, i) => `tag:t${i}`).join(' OR ')), 0, []],
    ["sdd query '-tag:x …' (200 terms)", q(Array.from({ length: 200 }, (_, i) => `-has:k${i}`).join(' ')), 0, ['invoices', 'token-refresh', 'user-login']],
    ["sdd query '(…(x)…)' (49 levels)", q(`${'('.repeat(49)}title:login${')'.repeat(49)}`), 0, ['invoices', 'user-login']],
    ["sdd query '\"a<NUL>b\" OR text:<NUL>'", q('"a\0b" OR text:\0'), 0, []],
    ["sdd query <20,000 characters>", q(`"${'x'.repeat(20_000)}"`), 2, /query too long/],
  ];

  for (const [command, options, code, expected] of rows) {
    it(`${command.length > 90 ? `${command.slice(0, 90)}…` : command} → exit ${code}`, async () => {
      const r = await sdd(dir, query.run, options as query.QueryOptions);
      assert.equal(r.code, code, `${command}\n${r.stdout}${r.stderr}`);
      if (Array.isArray(expected)) assert.deepEqual(ids(r), expected, command);
      else assert.match(r.stderr, expected, command);
      if (code === 2) assert.equal(r.stdout, '');
    });
  }

  it('an unknown field warns, suggesting the closest name', async () => {
    const r = await sdd(dir, query.run, q('target_release:v1') as query.QueryOptions);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: no spec has a field named "target_release"; did you mean "target-release"\?/);
  });

  it('a kind no spec has warns with the closest kind (kinds are an open set)', async () => {
    const r = await sdd(dir, query.run, q('kind:spc') as query.QueryOptions);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: no spec has kind "spc"; did you mean "spec"\?/);
    const json = JSON.parse((await sdd(dir, query.run, q('kind:spc') as query.QueryOptions, true)).stdout);
    assert.deepEqual(json.warnings, ['no spec has kind "spc"; did you mean "spec"?']);
  });

  it('--count and the JSON count are both the number of matches; --limit shortens only the list', async () => {
    const counted = await sdd(dir, query.run, q('domain:auth', { count: true, limit: '1' }) as query.QueryOptions);
    assert.equal(counted.stdout, '2\n');
    const doc = JSON.parse((await sdd(dir, query.run, q('domain:auth', { limit: '1' }) as query.QueryOptions, true)).stdout);
    assert.equal(doc.count, 2);
    assert.equal(doc.specs.length, 1);
  });

  it('in --json mode a value error is one error document with the fix', async () => {
    const r = await sdd(dir, query.run, q('status:reviw') as query.QueryOptions, true);
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.error.code, 'query_syntax');
    assert.match(doc.error.fix, /Did you mean "review"/);
  });

  it('search: a prefix finds the words a reader expects, not only porter stems', async () => {
    const r = await sdd(dir, search.run, { args: ['deprecat*'], type: 'spec', limit: '20' } as search.SearchOptions);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ids(r).sort(), ['invoices', 'token-refresh']);
    const page = JSON.parse((await sdd(dir, search.run, { args: ['deprecat*'], type: 'spec', limit: '1' } as search.SearchOptions, true)).stdout);
    assert.deepEqual([page.count, page.results.length], [2, 1]);
    const bad = await sdd(dir, search.run, { args: ['x'], type: 'spec', limit: '1e308' } as search.SearchOptions);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--limit must be a whole number from 1 to/);
  });
});

describe('sdd list: filter values are checked', () => {
  let dir: string;
  before(() => {
    dir = project();
  });
  const opts = (o: Partial<list.ListOptions>) => ({ args: [], sort: 'id', ...o }) as list.ListOptions;
  const rows: Array<[string, list.ListOptions, number, string[] | RegExp]> = [
    ['sdd list --status bogus', opts({ status: ['bogus'] }), 2, /Error: --status "bogus" is not a status\nFix: Use one of: draft, review/],
    ['sdd list --status reviw', opts({ status: ['reviw'] }), 2, /Did you mean "review"\?/],
    ['sdd list --status Review,draft', opts({ status: ['Review', 'draft'] }), 0, ['token-refresh', 'user-login']],
    ['sdd list --phase abc', opts({ phase: ['abc'] }), 2, /Error: --phase "abc": no spec has that phase\nFix: Use one of: 1, 2, beta/],
    ['sdd list --phase 2', opts({ phase: ['2'] }), 0, ['token-refresh']],
    ['sdd list --phase 2.0', opts({ phase: ['2.0'] }), 0, ['token-refresh']],
    ['sdd list --phase BETA', opts({ phase: ['BETA'] }), 0, ['invoices']],
    ['sdd list --domain auht', opts({ domain: ['auht'] }), 2, /Error: --domain "auht": no spec has that domain\nFix: Did you mean "auth"\?/],
    ['sdd list --domain auth', opts({ domain: ['auth'] }), 0, ['token-refresh', 'user-login']],
    ['sdd list --sort toString', opts({ sort: 'toString' }), 2, /Cannot sort by "toString"/],
  ];
  for (const [command, options, code, expected] of rows) {
    it(`${command} → exit ${code}`, async () => {
      const r = await sdd(dir, list.run, options);
      assert.equal(r.code, code, `${command}\n${r.stdout}${r.stderr}`);
      if (Array.isArray(expected)) assert.deepEqual(ids(r), expected);
      else assert.match(r.stderr, expected);
    });
  }
});

// @sdd dependency-graph/GRAPH-004
describe('sdd graph: every spec on a dependency cycle', () => {
  it('names the whole group of four tied by two cycles, with an example path', async () => {
    const dir = makeGitRepo();
    const spec = (id: string, deps: string) => writeSpec(dir, `${id}.md`, markdownSpec({ id, title: id, status: 'draft', depends_on: deps }));
    spec('a', '[b, c]');
    spec('b', '[a]');
    spec('c', '[d]');
    spec('d', '[c, b]');
    spec('e', '[a]');
    const doc = JSON.parse((await sdd(dir, graph.run, { args: [] }, true)).stdout);
    assert.deepEqual(doc.cycles, [{ specs: ['a', 'b', 'c', 'd'], path: ['a', 'b', 'a'] }]);
    assert.deepEqual(doc.nodes.filter((n: { on_cycle: boolean }) => n.on_cycle).map((n: { id: string }) => n.id), ['a', 'b', 'c', 'd']);
    const text = await sdd(dir, graph.run, { args: [], format: 'dot' });
    assert.equal(text.code, 0);
    assert.match(text.stderr, /warning: 4 specs depend on each other in cycles: a, b, c, d \(e\.g\. a → b → a\)/);
    assert.deepEqual(text.stdout.split('\n').filter((l) => l.includes('color=red')).map((l) => l.trim().split(' ')[0]), ['"a"', '"b"', '"c"', '"d"']);
  });
});
