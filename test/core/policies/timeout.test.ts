import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicies, POLICY_CONFIG_RULE } from '../../../src/core/policies/index.js';
import { policies, spec, POLICIES_FILE } from './helpers.js';

// @sdd checks/CHK-004
describe('evaluatePolicies: catastrophic regexes', () => {
  it('skips a policy whose regex runs past the budget and still runs the others', async () => {
    const loaded = policies(`policies:
  - id: before
    require: { body: { matches: "^nothing" } }
  - id: runaway
    require:
      any:
        - section: Nope
        - body:
            matches: "^(?=a)(a+)+$"
  - id: needs-owner
    require: { field: { name: owner, exists: true } }
  - id: after
    require: { body: { matches: "nothing" } }
`);
    const evil = spec('evil', 'title: Evil', `${'a'.repeat(40)}!`);
    const plain = spec('plain', 'title: Plain', 'nothing\n');
    const started = Date.now();
    const findings = await evaluatePolicies(loaded, [plain, evil], { inScope: () => null, timeoutMs: 250 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);

    const config = findings.filter((f) => f.ruleId === POLICY_CONFIG_RULE);
    assert.equal(config.length, 1);
    const [f] = config;
    assert.deepEqual([f.severity, f.file, f.line, f.column], ['error', POLICIES_FILE, 9, 13]);
    assert.equal(f.message, 'Policy `runaway`: the regex /^(?=a)(a+)+$/ took longer than 250 ms on .sdd/specs/evil.md; the policy was skipped');
    assert.match(f.fix ?? '', /nested quantifiers/);

    // The runaway policy reports nothing about specs (not even `plain`, which it was tested on
    // first); the policies before it (first worker) and after it (a new worker) report as usual.
    assert.deepEqual(findings.filter((x) => x.ruleId !== POLICY_CONFIG_RULE).map((x) => `${x.ruleId} ${x.specId}`).sort(), [
      'policy/after evil',
      'policy/before evil',
      'policy/needs-owner evil', 'policy/needs-owner plain',
    ]);
  });

  it('recovers from several runaway policies in a row', async () => {
    const loaded = policies(`policies:
  - id: one
    require: { body: { matches: "^(?=a)(a+)+$" } }
  - id: two
    require: { body: { matches: "^(?=a)(a|aa)+$" } }
  - id: three
    require: { body: { matches: "!$" } }
`);
    const evil = spec('evil', 'title: Evil', `${'a'.repeat(40)}!`);
    const findings = await evaluatePolicies(loaded, [evil], { inScope: () => null, timeoutMs: 250 });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line]), [[POLICY_CONFIG_RULE, 3], [POLICY_CONFIG_RULE, 5]]);
  });

  it('bills the budget per test, not for the whole run', async () => {
    // Enough tests of a few milliseconds each that together they take about twice the budget.
    const budget = 250;
    const source = '(?=\\w)(\\w+\\s)+7$';
    const body = (i: number) => `${'word '.repeat(300)}${i}`;
    let single = Infinity;
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      new RegExp(source).test(body(1000 + k));
      single = Math.min(single, performance.now() - t);
    }
    const count = Math.ceil((2 * budget) / Math.max(single, 0.5));
    const specs = Array.from({ length: count }, (_, i) => spec(`s${i}`, 'title: S', body(i)));
    const loaded = policies(`policies:\n  - id: p\n    require: { body: { matches: ${JSON.stringify(source)} } }\n`);
    const started = performance.now();
    const findings = await evaluatePolicies(loaded, specs, { inScope: () => null, timeoutMs: budget });
    const elapsed = performance.now() - started;
    assert.ok(elapsed > budget, `the run (${count} tests, ${Math.round(elapsed)} ms) outlasts one budget`);
    assert.equal(findings.filter((f) => f.ruleId === POLICY_CONFIG_RULE).length, 0);
    // Only s7's body ends in "word 7".
    assert.equal(findings.length, count - 1);
    assert.ok(!findings.some((f) => f.specId === 's7'));
  });
});
