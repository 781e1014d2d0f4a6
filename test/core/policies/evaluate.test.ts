import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicies, type Policy } from '../../../src/core/policies/index.js';
import type { Spec } from '../../../src/core/spec/parse.js';
import { policies, spec, POLICIES_FILE } from './helpers.js';

const PAYMENTS = `policies:
  - id: payments-security
    description: Approved payment specs need a Security section and no SHOULD requirement
    severity: error
    message: "Approved payment specs need a ## Security section and no SHOULD requirements"
    scope: "domain:payments AND status:approved"
    require:
      all:
        - section: Security
        - not: { requirement: { matches: "\\\\bSHOULD\\\\b" } }
`;

/** A stand-in for the index: evaluates the two-field scopes these tests use. */
function scopeOf(specs: Spec[]) {
  return (policy: Policy): Set<string> | null => {
    if (!policy.scope) return null;
    const wanted = Object.fromEntries(policy.scope.split(' AND ').map((t) => t.split(':')));
    return new Set(specs.filter((s) => (!wanted.domain || s.domain === wanted.domain) && (!wanted.status || s.status === wanted.status)).map((s) => s.file));
  };
}

const REQS = `## Requirements

- REQ-001: The service MUST encrypt card data.
- REQ-002: The service SHOULD log refunds.
`;

describe('evaluatePolicies: the payments example', () => {
  // Lines: 1 ---, 2 id, 3 title, 4 domain, 5 status, 6 ---, 7 "# …" heading.
  const front = (status: string, domain = 'payments') => `title: T\ndomain: ${domain}\nstatus: ${status}`;
  const ok = spec('pay-ok', front('approved'), '# Checkout\n\n## Requirements\n\n- REQ-001: Card data MUST be encrypted.\n\n## Security\n\nTokens only.\n');
  const noSection = spec('pay-no-section', front('approved'), '# Refunds\n\n- REQ-001: Refunds MUST be logged.\n');
  const should = spec('pay-should', front('approved'), `# Payouts\n\n${REQS}\n## Security\n`);
  const fenced = spec('pay-fenced', front('approved'), '# Fenced\n\n```md\n## Security\n```\n');
  const draft = spec('pay-draft', front('draft'), '# Draft\n');
  const auth = spec('auth-login', front('approved', 'auth'), '# Login\n');
  const specs = [ok, noSection, should, fenced, draft, auth];

  it('flags only approved payment specs that lack Security or have a SHOULD requirement', async () => {
    const findings = await evaluatePolicies(policies(PAYMENTS), specs, { inScope: scopeOf(specs) });
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.column]), [
      ['.sdd/specs/pay-no-section.md', 7, undefined],
      // REQ-002 is on body line 6 of pay-should; the body starts at file line 7.
      ['.sdd/specs/pay-should.md', 12, 3],
      ['.sdd/specs/pay-fenced.md', 7, undefined],
    ]);
    for (const f of findings) {
      assert.equal(f.ruleId, 'policy/payments-security');
      assert.equal(f.severity, 'error');
      assert.equal(f.message, 'Approved payment specs need a ## Security section and no SHOULD requirements');
      assert.match(f.fix ?? '', /^Change the spec so that it satisfies policy `payments-security` \(\.sdd\/policies\.yaml:2\)\.$/);
    }
    assert.deepEqual(findings.map((f) => f.specId), ['pay-no-section', 'pay-should', 'pay-fenced']);
  });

  it('passes every spec once they comply', async () => {
    const findings = await evaluatePolicies(policies(PAYMENTS), [ok, draft, auth], { inScope: scopeOf(specs) });
    assert.deepEqual(findings, []);
  });

  it('keeps a finding\'s fingerprint when lines above it move', async () => {
    const moved = spec('pay-no-section', `${front('approved')}\nowner: someone`, '\n\n# Refunds\n');
    const [a] = await evaluatePolicies(policies(PAYMENTS), [noSection], { inScope: () => null });
    const [b] = await evaluatePolicies(policies(PAYMENTS), [moved], { inScope: () => null });
    assert.notEqual(a.line, b.line);
    assert.equal(a.fingerprint, b.fingerprint);
  });
});

// Spec A: lines 1 ---, 2 id, 3 title, 4 status, 5 domain, 6 tags, 7 phase, 8 risk, 9 owner, 10 ---, 11 body.
const A = spec('a', 'title: Payment checkout\nstatus: approved\ndomain: payments\ntags: [pci, gdpr]\nphase: 2\nrisk: high\nowner: ""',
  `# Payment checkout\n\n${REQS}\n## Security\n\nTokens only.\n`);
const B = spec('b', 'title: Login\nstatus: draft\ntags: []',
  '# Login\n\n```\n## Security\n```\n\n### Threat   MODEL ###\n\n- AUTH-1: Sessions MUST expire.\n');
const C = spec('c', 'title: Notes\nstatus: review\ntags: security\nreviewers: [{name: x}]', 'No requirements here.\n');
const ALL = [A, B, C];

/**
 * Declares one test per [name, condition, ids of the specs among A, B, C that satisfy it]. All
 * conditions of a table are evaluated in one run, as policies `p0`, `p1` …, so one worker serves them.
 */
function conditionTable(table: Array<[string, unknown, string[]]>): void {
  let failing: Map<string, Set<string | undefined>>;
  before(async () => {
    const loaded = policies(`policies:\n${table.map(([, c], i) => `  - id: p${i}\n    require: ${JSON.stringify(c)}\n`).join('')}`);
    assert.equal(loaded.length, table.length);
    const findings = await evaluatePolicies(loaded, ALL, { inScope: () => null });
    failing = new Map(table.map((_, i) => [`policy/p${i}`, new Set(findings.filter((f) => f.ruleId === `policy/p${i}`).map((f) => f.specId))]));
  });
  table.forEach(([what, , expected], i) => {
    it(what, () => assert.deepEqual(ALL.filter((s) => !failing.get(`policy/p${i}`)!.has(s.id)).map((s) => s.id), expected));
  });
}

describe('evaluatePolicies: conditions', () => {
  const table: Array<[string, unknown, string[]]> = [
    ['field equals', { field: { name: 'status', equals: 'approved' } }, ['a']],
    ['field equals a number, compared as text', { field: { name: 'phase', equals: 2 } }, ['a']],
    ['field equals text against a number', { field: { name: 'phase', equals: '2' } }, ['a']],
    ['field in', { field: { name: 'status', in: ['draft', 'review'] } }, ['b', 'c']],
    ['field equals a list item', { field: { name: 'tags', equals: 'gdpr' } }, ['a']],
    ['field equals a lone string as a list', { field: { name: 'tags', equals: 'security' } }, ['c']],
    ['field in against list items', { field: { name: 'tags', in: ['security', 'pci'] } }, ['a', 'c']],
    ['field matches a list item', { field: { name: 'tags', matches: '^gd' } }, ['a']],
    ['field matches with flags', { field: { name: 'title', matches: '^payment', flags: 'i' } }, ['a']],
    ['field matches is case-sensitive without flags', { field: { name: 'title', matches: '^payment' } }, []],
    ['field on an extra key', { field: { name: 'risk', in: ['high', 'critical'] } }, ['a']],
    ['field never matches a mapping item', { field: { name: 'reviewers', matches: '.' } }, []],
    ['field exists', { field: { name: 'domain', exists: true } }, ['a']],
    ['field exists: an empty string or list is not set', { field: { name: 'owner', exists: false } }, ['a', 'b', 'c']],
    ['field exists: empty list', { field: { name: 'tags', exists: true } }, ['a', 'c']],
    ['section', { section: 'Security' }, ['a']],
    ['section: case and spacing, closing hashes, level 3', { section: 'threat model' }, ['b']],
    ['section ignores level-1 headings', { section: 'Payment checkout' }, []],
    ['body', { body: { matches: 'Tokens only' } }, ['a']],
    ['body with the m flag', { body: { matches: '^No requirements', flags: 'm' } }, ['c']],
    ['body without the m flag', { body: { matches: '^Tokens' } }, []],
    ['requirement: any matches', { requirement: { matches: '\\bSHOULD\\b' } }, ['a']],
    ['requirement: false without requirements', { requirement: { matches: '' } }, ['a', 'b']],
    ['requirements: all match', { requirements: { all_match: '\\bMUST\\b' } }, ['b', 'c']],
    ['requirements: text excludes the id', { requirements: { all_match: '^(The|Sessions) ' } }, ['a', 'b', 'c']],
    ['title', { title: { matches: '^Login$' } }, ['b']],
    ['title with flags', { title: { matches: '^LOGIN$', flags: 'i' } }, ['b']],
  ];
  conditionTable(table);
});

// @sdd checks/CHK-003
describe('evaluatePolicies: all, any, not', () => {
  const table: Array<[string, unknown, string[]]> = [
    ['all', { all: [{ field: { name: 'tags', exists: true } }, { section: 'Security' }] }, ['a']],
    ['any', { any: [{ section: 'Security' }, { title: { matches: 'Notes' } }] }, ['a', 'c']],
    ['not', { not: { section: 'Security' } }, ['b', 'c']],
    ['not not', { not: { not: { section: 'Security' } } }, ['a']],
    ['any of all and not', { any: [{ all: [{ section: 'Security' }, { field: { name: 'phase', equals: 3 } }] }, { not: { field: { name: 'tags', exists: true } } }] }, ['b']],
    ['all of any', { all: [{ any: [{ field: { name: 'status', equals: 'draft' } }, { field: { name: 'status', equals: 'review' } }] }, { any: [{ requirements: { all_match: 'MUST' } }] }] }, ['b', 'c']],
    ['not any', { not: { any: [{ requirement: { matches: 'SHOULD' } }, { title: { matches: '^Notes$' } }] } }, ['b']],
  ];
  conditionTable(table);
});

describe('evaluatePolicies: findings', () => {
  async function findingFor(condition: unknown, s: Spec, locate?: (spec: Spec, keyPath: Array<string | number>) => { line: number; column: number }) {
    const loaded = policies(`policies:\n  - id: p\n    severity: warn\n    message: Nope\n    fix: Do this.\n    require: ${JSON.stringify(condition)}\n`);
    const findings = await evaluatePolicies(loaded, [s], { inScope: () => null, locate });
    assert.equal(findings.length, 1);
    return findings[0];
  }

  it('carries the policy severity, message, fix and the spec id', async () => {
    const f = await findingFor({ section: 'Nope' }, A);
    assert.deepEqual([f.ruleId, f.severity, f.message, f.fix, f.file, f.specId], ['policy/p', 'warn', 'Nope', 'Do this.', '.sdd/specs/a.md', 'a']);
  });

  it('points a missing section at the # Title line, or line 1 without one', async () => {
    assert.equal((await findingFor({ section: 'Nope' }, A)).line, 11);
    assert.equal((await findingFor({ section: 'Nope' }, C)).line, 1);
  });

  it('points a forbidden requirement, heading or non-matching requirement at its line', async () => {
    const req = await findingFor({ not: { requirement: { matches: 'SHOULD' } } }, A);
    assert.deepEqual([req.line, req.column], [16, 3]);
    assert.equal((await findingFor({ not: { section: 'security' } }, A)).line, 18);
    assert.equal((await findingFor({ all: [{ section: 'Security' }, { requirements: { all_match: 'MUST' } }] }, A)).line, 16);
    assert.equal((await findingFor({ not: { any: [{ section: 'Nope' }, { section: 'Requirements' }] } }, A)).line, 13);
  });

  it('points a field test at the front-matter key when a locator is given', async () => {
    const calls: Array<Array<string | number>> = [];
    const locate = (_s: Spec, keyPath: Array<string | number>) => {
      calls.push(keyPath);
      return { line: 40 + calls.length, column: 5 };
    };
    const f = await findingFor({ field: { name: 'status', equals: 'draft' } }, A, locate);
    assert.deepEqual([f.line, f.column, calls], [41, 5, [['status']]]);
    calls.length = 0;
    await findingFor({ not: { field: { name: 'tags', equals: 'gdpr' } } }, A, locate);
    assert.deepEqual(calls, [['tags', 1]]);
    calls.length = 0;
    await findingFor({ title: { matches: 'x' } }, A, locate);
    assert.deepEqual(calls, [['title']]);
    // A missing key has no position: the finding falls back to the title line.
    calls.length = 0;
    assert.equal((await findingFor({ field: { name: 'nope', exists: true } }, A, locate)).line, 11);
    assert.deepEqual(calls, []);
    assert.equal((await findingFor({ field: { name: 'status', equals: 'draft' } }, A)).line, 11);
  });

  // @sdd checks/CHK-003
  it('applies each policy to the specs its scope returns', async () => {
    const loaded = policies(`policies:
  - id: one
    scope: status:approved
    require: { section: Nope }
  - id: two
    scope: domain:none
    require: { section: Nope }
  - id: three
    require: { section: Nope }
`);
    const scopes: Record<string, string[]> = { one: ['.sdd/specs/a.md'], two: [] };
    const findings = await evaluatePolicies(loaded, ALL, { inScope: (p) => (p.id in scopes ? new Set(scopes[p.id]) : null) });
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.specId}`), ['policy/one a', 'policy/three a', 'policy/three b', 'policy/three c']);
    assert.equal(findings.filter((f) => f.file === POLICIES_FILE).length, 0);
  });

  it('evaluates specs with identical texts independently', async () => {
    const twin = spec('twin', 'title: Payment checkout\nstatus: draft', A.body);
    const loaded = policies(`policies:\n  - id: p\n    require: { all: [ { body: { matches: Tokens } }, { field: { name: status, equals: approved } } ] }\n`);
    const findings = await evaluatePolicies(loaded, [A, twin], { inScope: () => null });
    assert.deepEqual(findings.map((f) => f.specId), ['twin']);
  });

  it('returns nothing without policies or specs', async () => {
    assert.deepEqual(await evaluatePolicies([], ALL, { inScope: () => null }), []);
    assert.deepEqual(await evaluatePolicies(policies(PAYMENTS), [], { inScope: () => null }), []);
  });
});
