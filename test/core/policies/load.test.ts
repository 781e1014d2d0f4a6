import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPolicies, POLICY_CONFIG_RULE } from '../../../src/core/policies/index.js';
import type { Finding } from '../../../src/core/check/findings.js';
import { makeTempDir } from '../../helpers/cli.js';
import { load, POLICIES_FILE } from './helpers.js';

const PAYMENTS = `# yaml-language-server: $schema=../schemas/policies.schema.json
policies:
  - id: payments-security
    description: Approved payment specs need a Security section and no SHOULD requirement
    severity: warn
    message: "Approved payment specs need a ## Security section and no SHOULD requirements"
    fix: Add a Security section.
    scope: "domain:payments AND status:approved"
    require:
      all:
        - section: Security
        - not: { requirement: { matches: "\\\\bSHOULD\\\\b", flags: i } }
`;

/** The one finding, asserting there is exactly one. */
function single(findings: Finding[]): Finding {
  assert.equal(findings.length, 1, findings.map((f) => `${f.line}:${f.column} ${f.message}`).join('\n'));
  return findings[0];
}

describe('loadPolicies', () => {
  it('returns nothing when the file does not exist', () => {
    const root = makeTempDir();
    assert.deepEqual(loadPolicies(path.join(root, POLICIES_FILE), POLICIES_FILE), { policies: [], findings: [] });
  });

  it('returns nothing for an empty file or one with only comments', () => {
    assert.deepEqual(load(''), { policies: [], findings: [] });
    assert.deepEqual(load('# no policies yet\n'), { policies: [], findings: [] });
  });

  it('reads the payments example into a policy', () => {
    const { policies, findings } = load(PAYMENTS);
    assert.deepEqual(findings, []);
    assert.equal(policies.length, 1);
    const p = policies[0];
    assert.equal(p.id, 'payments-security');
    assert.equal(p.ruleId, 'policy/payments-security');
    assert.equal(p.severity, 'warn');
    assert.equal(p.message, 'Approved payment specs need a ## Security section and no SHOULD requirements');
    assert.equal(p.fix, 'Add a Security section.');
    assert.equal(p.scope, 'domain:payments AND status:approved');
    assert.equal(p.scopeQuery?.type, 'and');
    assert.equal(p.file, POLICIES_FILE);
    assert.equal(p.line, 3);
    assert.deepEqual(p.require, {
      type: 'all',
      conditions: [
        { type: 'section', heading: 'Security' },
        { type: 'not', condition: { type: 'requirement', pattern: { source: '\\bSHOULD\\b', flags: 'i', line: 12, column: 33 } } },
      ],
    });
  });

  it('defaults severity to error and the message to the description, then to a sentence', () => {
    const { policies } = load(`policies:
  - id: a
    description: Specs have owners
    require: { field: { name: owner, exists: true } }
  - id: b
    require: { field: { name: tags, in: [pci, 3, true] } }
`);
    assert.deepEqual(policies.map((p) => [p.severity, p.message, p.fix]), [
      ['error', 'Specs have owners', undefined],
      ['error', 'The spec does not satisfy policy `b`', undefined],
    ]);
    assert.deepEqual(policies[1].require, { type: 'field', name: 'tags', test: { op: 'in', values: ['pci', '3', 'true'] } });
  });

  it('reports malformed YAML at its line and loads nothing', () => {
    const { policies, findings } = load(`policies:
  - id: a
    require:
      section: Security
     severity: warn
`);
    assert.deepEqual(policies, []);
    const f = single(findings);
    assert.equal(f.ruleId, POLICY_CONFIG_RULE);
    assert.equal(f.severity, 'error');
    assert.equal(f.file, POLICIES_FILE);
    assert.deepEqual([f.line, f.column], [5, 6]);
    assert.match(f.message, /^Malformed YAML in the policies file: Bad indentation/);
    assert.match(f.fix ?? '', /YAML syntax/);
  });

  // [what, file, line, column, message] — each file holds one broken policy `bad` between two good ones.
  const table: Array<[string, string, number, number, RegExp]> = [
    ['an unknown condition key', `
      all:
        - section: Security
        - sections: Risks`, 8, 11, /^Policy `bad`: unknown condition `sections` \(did you mean `section`\?\)$/],
    ['an unknown key in a field test', `
      field: { name: owner, exist: true }`, 6, 29, /^Policy `bad`: unknown key `require\.field\.exist` \(did you mean `exists`\?\)$/],
    ['a condition of the wrong type', `
      section: 5`, 6, 7, /^Policy `bad`: `require\.section` must be a string, not a number \(5\)$/],
    ['a list where a condition belongs', `
      not: [ { section: X } ]`, 6, 7, /^Policy `bad`: `require\.not` must be a mapping, not a list$/],
    ['an invalid regex', `
      body:
        matches: "(unclosed"`, 7, 9, /^Policy `bad`: Invalid regular expression: \/\(unclosed\/: Unterminated group$/],
    ['an invalid regex deep in a condition', `
      any:
        - not:
            requirements: { all_match: "[a-" }`, 8, 29, /^Policy `bad`: Invalid regular expression: \/\[a-\//],
    ['repeated flags', `
      title: { matches: x, flags: ii }`, 6, 28, /^Policy `bad`: Invalid flags supplied to RegExp constructor 'ii'$/],
    ['a stateful flag', `
      title: { matches: x, flags: g }`, 6, 28, /^Policy `bad`: `require\.title\.flags` is "g"; allowed flags are i, m, s and u$/],
    ['two keys in one condition', `
      all:
        - { section: A, body: { matches: x } }`, 7, 11, /^Policy `bad`: `require\.all\[0\]` has 2 keys \(section, body\), but a condition has exactly one$/],
    ['a field test with two operators', `
      field: { name: x, equals: 1, exists: true }`, 6, 7, /^Policy `bad`: `require\.field` needs exactly one of equals, in, matches, exists$/],
    ['a field test with no operator', `
      field: { name: x }`, 6, 7, /^Policy `bad`: `require\.field` needs exactly one of equals, in, matches, exists$/],
    ['flags on a field test without matches', `
      field: { name: x, exists: true, flags: i }`, 6, 39, /^Policy `bad`: `require\.field\.flags` applies only to `matches`$/],
    ['an empty all', `
      all: []`, 6, 7, /^Policy `bad`: `require\.all` is empty; list at least one condition$/],
    ['an empty condition', `
      not: {}`, 6, 7, /^Policy `bad`: `require\.not` is an empty condition$/],
  ];
  for (const [what, require, line, column, message] of table) {
    it(`reports ${what} at its line and keeps the other policies`, () => {
      const { policies, findings } = load(`policies:
  - id: first
    require: { section: A }
  - id: bad
    require:${require}
  - id: last
    require: { section: B }
`);
      const f = single(findings);
      assert.match(f.message, message);
      assert.deepEqual([f.ruleId, f.severity, f.file, f.line, f.column], [POLICY_CONFIG_RULE, 'error', POLICIES_FILE, line, column]);
      assert.ok(f.fix, 'every finding says how to fix it');
      assert.deepEqual(policies.map((p) => p.id), ['first', 'last']);
    });
  }

  it('reports a scope that is not a valid query at its line', () => {
    const { policies, findings } = load(`policies:
  - id: ok
    scope: status:approved
    require: { section: A }
  - id: bad-scope
    description: x
    scope: "domain:payments AND"
    require: { section: A }
`);
    const f = single(findings);
    assert.deepEqual([f.ruleId, f.line, f.column], [POLICY_CONFIG_RULE, 7, 5]);
    assert.equal(f.message, 'Policy `bad-scope`: invalid scope query: AND has no term after it (at character 17 of "domain:payments AND")');
    assert.match(f.fix ?? '', /sdd query/);
    assert.deepEqual(policies.map((p) => p.id), ['ok']);
  });

  it('reports a duplicate id at the second use and keeps the first', () => {
    const { policies, findings } = load(`policies:
  - id: same
    require: { section: A }
  - id: other
    require: { section: B }
  - id: same
    require: { section: C }
`);
    const f = single(findings);
    assert.deepEqual([f.ruleId, f.line, f.column], [POLICY_CONFIG_RULE, 6, 5]);
    assert.equal(f.message, 'Policy id `same` is already used by the policy at line 2; this one is ignored');
    assert.deepEqual(policies.map((p) => [p.id, p.require]), [['same', { type: 'section', heading: 'A' }], ['other', { type: 'section', heading: 'B' }]]);
  });

  it('reports policy-level mistakes: bad id, bad severity, missing require, a non-mapping item', () => {
    const { policies, findings } = load(`policies:
  - id: Bad_Id
    severity: fatal
    require: { section: X }
  - id: no-require
    mesage: hi
  - just a string
`);
    assert.deepEqual(policies, []);
    assert.deepEqual(findings.map((f) => [f.line, f.column, f.message]), [
      [2, 5, 'Policy `Bad_Id`: `id` is "Bad_Id", which is not a slug (lower-case letters, digits and single hyphens, e.g. `payments-security`)'],
      [3, 5, 'Policy `Bad_Id`: `severity` is "fatal", which is not one of: error, warn'],
      [5, 5, 'Policy `no-require`: the policy has no `require`'],
      [6, 5, 'Policy `no-require`: unknown key `mesage` (did you mean `message`?)'],
      [7, 5, 'Policy 3: the policy must be a mapping, not a string ("just a string")'],
    ]);
  });

  it('reports a file without a policies list', () => {
    const { policies, findings } = load('polices:\n  - id: a\n');
    assert.deepEqual(policies, []);
    assert.deepEqual(findings.map((f) => [f.line, f.message]), [
      [1, 'the file has no `policies:` list'],
      [1, 'unknown key `polices` (did you mean `policies`?)'],
    ]);
  });

  it('keeps valid policies beside an unknown top-level key', () => {
    const { policies, findings } = load('version: 1\npolicies:\n  - id: a\n    require: { section: A }\n');
    assert.deepEqual(findings.map((f) => [f.line, f.message]), [[1, 'unknown key `version`']]);
    assert.deepEqual(policies.map((p) => p.id), ['a']);
  });

  it('gives config findings fingerprints that survive moving the policy', () => {
    const broken = '  - id: bad\n    require: { sectoin: A }\n';
    const a = load(`policies:\n${broken}`).findings;
    const b = load(`policies:\n  - id: fine\n    require: { section: B }\n${broken}`).findings;
    assert.equal(a.length, 1);
    assert.equal(b.length, 1);
    assert.notEqual(a[0].line, b[0].line);
    assert.equal(a[0].fingerprint, b[0].fingerprint);
  });
});
