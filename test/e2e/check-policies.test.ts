import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, markdownSpec, parseJsonDocument, writeFile, type RunResult } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

interface FindingJson {
  rule_id: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number | null;
  spec_id: string | null;
  fix: string | null;
}

/** The payments example of the policies file format (src/core/policies/index.ts). */
const PAYMENTS_POLICY = [
  'policies:',
  '  - id: payments-security',
  '    description: Approved payment specs need a Security section and no SHOULD requirement',
  '    severity: error',
  '    message: "Approved payment specs need a ## Security section and no SHOULD requirements"',
  '    fix: "Add a ## Security section; turn SHOULD requirements into MUST or MAY."',
  '    scope: "domain:payments AND status:approved"',
  '    require:',
  '      all:',
  '        - section: Security',
  '        - not: { requirement: { matches: "\\\\bSHOULD\\\\b" } }',
  '',
].join('\n');

/** A spec with an owner (approved specs need one), `# Title` on line 8 and the given body after it. */
function paymentSpec(id: string, status: string, domain: string, body: string): string {
  const title = id.charAt(0).toUpperCase() + id.slice(1);
  return markdownSpec({ id, title, status, domain, owner: 'ana' }, `# ${title}\n\n${body}`);
}

const REQS = (...lines: string[]) => `## Requirements\n\n${lines.map((l, i) => `- **REQ-00${i + 1}** ${l}`).join('\n')}\n`;
const SECURITY = '\n## Security\n\nCard data is encrypted at rest.\n';

function writePaymentsProject(root: string): void {
  // The fixture is about policies: its "approved" specs carry no signed approvals and no code,
  // so the rules that say so (tested in approvals.test.ts and drift.test.ts) are off here.
  writeFile(root, '.sdd/config.yaml', 'version: 1\nrules:\n  approval-missing: off\n  drift-uncovered: off\n');
  writeFile(root, '.sdd/policies.yaml', PAYMENTS_POLICY);
  const w = (id: string, status: string, domain: string, body: string) => writeFile(root, `.sdd/specs/${domain}/${id}.md`, paymentSpec(id, status, domain, body));
  // Fails: no Security section → the `# Refunds` line.
  w('refunds', 'approved', 'payments', REQS('The system MUST refund a charge.'));
  // Fails: a SHOULD requirement → that requirement (line 13, column 5).
  w('payouts', 'approved', 'payments', REQS('The system MUST pay out daily.', 'The system SHOULD log every payout.') + SECURITY);
  // Fails: the Security heading is inside a fenced code block, which does not count.
  w('chargebacks', 'approved', 'payments', REQS('The system MUST record chargebacks.') + '\n```markdown\n## Security\n```\n');
  // Fails both ways: one finding, at the first failing condition (the missing section).
  w('disputes', 'approved', 'payments', REQS('The system SHOULD answer disputes.'));
  // Passes: a Security section; SHOULDER and lower-case "should" are not the keyword.
  w('charges', 'approved', 'payments', REQS('The system MUST keep SHOULDER data apart.', 'The system MUST say what teams should do.') + SECURITY);
  // Out of scope: a draft payments spec, and an approved spec of another domain.
  w('invoices', 'draft', 'payments', REQS('The system SHOULD send invoices.'));
  w('search', 'approved', 'search', REQS('The system SHOULD rank results.'));
}

const POLICY_MESSAGE = 'Approved payment specs need a ## Security section and no SHOULD requirements';
const POLICY_FIX = 'Add a ## Security section; turn SHOULD requirements into MUST or MAY.';

function findings(r: RunResult): FindingJson[] {
  return parseJsonDocument(r.stdout).findings as FindingJson[];
}

// @sdd checks/CHK-003
describe('e2e: sdd check with the payments policy', () => {
  let repo: string;
  let json: RunResult;

  before(async () => {
    repo = makeGitRepo();
    writePaymentsProject(repo);
    json = await runSddInProcess(['check', '--json'], { cwd: repo });
  });

  it('reports policy/payments-security only on approved payments specs that break it, at the documented lines', () => {
    assert.equal(json.code, 1, describeRun(json));
    assert.equal(json.stderr, '');
    assert.deepEqual(findings(json).map((f) => [f.rule_id, f.severity, f.file, f.line, f.column, f.spec_id, f.message, f.fix]), [
      ['policy/payments-security', 'error', '.sdd/specs/payments/chargebacks.md', 8, null, 'chargebacks', POLICY_MESSAGE, POLICY_FIX],
      ['policy/payments-security', 'error', '.sdd/specs/payments/disputes.md', 8, null, 'disputes', POLICY_MESSAGE, POLICY_FIX],
      ['policy/payments-security', 'error', '.sdd/specs/payments/payouts.md', 13, 5, 'payouts', POLICY_MESSAGE, POLICY_FIX],
      ['policy/payments-security', 'error', '.sdd/specs/payments/refunds.md', 8, null, 'refunds', POLICY_MESSAGE, POLICY_FIX],
    ]);
  });

  it('shows policy findings in the text report like any rule', async () => {
    const r = await runSddInProcess(['check', '.sdd/specs/payments/payouts.md'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(r.stdout, [
      '.sdd/specs/payments/payouts.md',
      `  13:5  error  ${POLICY_MESSAGE}  policy/payments-security`,
      `${' '.repeat(15)}fix: ${POLICY_FIX}`,
      '',
      '✖ 1 problem (1 error, 0 warnings) in 1 file',
      '',
    ].join('\n'));
  });

  it('`sdd rules --json` lists the policy as policy/<id> after the built-in rules', async () => {
    const r = await runSddInProcess(['rules', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr, '');
    const rules = parseJsonDocument(r.stdout).rules as Array<Record<string, unknown>>;
    assert.equal(rules[rules.length - 1].id, 'policy/payments-security');
    assert.deepEqual(rules.filter((x) => String(x.id).startsWith('policy')).map((x) => [x.id, x.name, x.description, x.default_severity, x.severity, x.tags]), [
      ['policy/payments-security', 'PolicyPaymentsSecurity', 'Approved payment specs need a Security section and no SHOULD requirement', 'error', 'error', ['policy']],
    ]);
    assert.match(String(rules[rules.length - 1].help), /^Custom policy `payments-security` \(\.sdd\/policies\.yaml:2\), for specs matching `domain:payments AND status:approved`\./);
  });

  it('SARIF lists the policy and policy-config in tool.driver.rules and points results at them', async () => {
    const r = await runSddInProcess(['check', '--format', 'sarif'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    const run = (JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; name: string; defaultConfiguration: { level: string }; properties: { tags: string[] } }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }> }> }> }).runs[0];
    const rules = run.tool.driver.rules;
    const policyRules = rules.filter((x) => x.id.startsWith('policy'));
    assert.deepEqual(policyRules.map((x) => [x.id, x.name, x.defaultConfiguration.level, x.properties.tags]), [
      ['policy-config', 'PolicyConfig', 'error', ['policy', 'config']],
      ['policy/payments-security', 'PolicyPaymentsSecurity', 'error', ['policy']],
    ]);
    assert.deepEqual(run.results.map((x) => [x.ruleId, rules[x.ruleIndex].id, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]), [
      ['policy/payments-security', 'policy/payments-security', 'error', '.sdd/specs/payments/chargebacks.md', 8],
      ['policy/payments-security', 'policy/payments-security', 'error', '.sdd/specs/payments/disputes.md', 8],
      ['policy/payments-security', 'policy/payments-security', 'error', '.sdd/specs/payments/payouts.md', 13],
      ['policy/payments-security', 'policy/payments-security', 'error', '.sdd/specs/payments/refunds.md', 8],
    ]);
  });

  it('a spec fixed to satisfy the policy is no longer reported', async () => {
    const file = path.join(repo, '.sdd', 'specs', 'payments', 'payouts.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('SHOULD log', 'MUST log'));
    const r = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.deepEqual(findings(r).map((f) => f.file), ['.sdd/specs/payments/chargebacks.md', '.sdd/specs/payments/disputes.md', '.sdd/specs/payments/refunds.md']);
  });
});

describe('e2e: a policy with severity warn', () => {
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/policies.yaml', [
      'policies:',
      '  - id: needs-owner',
      '    severity: warn',
      '    message: Every spec names an owner',
      '    require: { field: { name: owner, exists: true } }',
      '',
    ].join('\n'));
    writeFile(repo, '.sdd/specs/alpha.md', markdownSpec({ id: 'alpha', title: 'Alpha', status: 'draft' }, '# Alpha\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n'));
    writeFile(repo, '.sdd/specs/beta.md', markdownSpec({ id: 'beta', title: 'Beta', status: 'draft', owner: 'ana' }, '# Beta\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n'));
  });

  for (const [args, code] of [[[], 0], [['--fail-on', 'error'], 0], [['--fail-on', 'warning'], 1], [['--fail-on', 'none'], 0]] as Array<[string[], number]>) {
    it(`exits ${code} with ${args.join(' ') || 'the default --fail-on'}`, async () => {
      const r = await runSddInProcess(['check', '--json', ...args], { cwd: repo });
      assert.equal(r.code, code, describeRun(r));
      assert.deepEqual(findings(r).map((f) => [f.rule_id, f.severity, f.file, f.line, f.column, f.message]), [
        ['policy/needs-owner', 'warning', '.sdd/specs/alpha.md', 6, null, 'Every spec names an owner'],
      ]);
    });
  }

  it('has a default fix that points at the policy', async () => {
    const r = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.equal(findings(r)[0].fix, 'Change the spec so that it satisfies policy `needs-owner` (.sdd/policies.yaml:2).');
  });

  it('is a warning in SARIF too', async () => {
    const r = await runSddInProcess(['check', '--format', 'sarif'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const run = (JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } }; results: Array<{ ruleId: string; level: string }> }> }).runs[0];
    assert.deepEqual(run.tool.driver.rules.filter((x) => x.id === 'policy/needs-owner').map((x) => x.defaultConfiguration.level), ['warning']);
    assert.deepEqual(run.results.map((x) => [x.ruleId, x.level]), [['policy/needs-owner', 'warning']]);
  });
});

describe('e2e: a broken policies file', () => {
  function project(policies: string): string {
    const repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/policies.yaml', policies);
    writeFile(repo, '.sdd/specs/alpha.md', markdownSpec({ id: 'alpha', title: 'Alpha', status: 'draft' }, '# Alpha\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n'));
    return repo;
  }

  it('reports a bad regex, a bad scope query and an unknown condition at their lines, and runs the valid policy', async () => {
    const repo = project([
      'policies:',
      '  - id: bad-regex',
      '    require: { body: { matches: "(unclosed" } }',
      '  - id: bad-scope',
      '    scope: "domain:payments AND ("',
      '    require: { section: Security }',
      '  - id: needs-owner',
      '    severity: warn',
      '    message: Every spec names an owner',
      '    require:',
      '      field: { name: owner, exists: true }',
      '  - id: typo',
      '    require: { sectoin: Security }',
      '',
    ].join('\n'));
    const r = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findings(r).map((f) => [f.rule_id, f.severity, f.file, f.line, f.column, f.message]), [
      ['policy-config', 'error', '.sdd/policies.yaml', 3, 24, 'Policy `bad-regex`: Invalid regular expression: /(unclosed/: Unterminated group'],
      ['policy-config', 'error', '.sdd/policies.yaml', 5, 5, 'Policy `bad-scope`: invalid scope query: unmatched \'(\' (at character 21 of "domain:payments AND (")'],
      ['policy-config', 'error', '.sdd/policies.yaml', 13, 16, 'Policy `typo`: unknown condition `sectoin` (did you mean `section`?)'],
      ['policy/needs-owner', 'warning', '.sdd/specs/alpha.md', 6, null, 'Every spec names an owner'],
    ]);
    const rules = await runSddInProcess(['rules', '--json'], { cwd: repo });
    assert.deepEqual((parseJsonDocument(rules.stdout).rules as Array<{ id: string }>).map((x) => x.id).filter((id) => id.startsWith('policy')), ['policy/needs-owner']);
  });

  it('reports malformed YAML at its line; the built-in rules still run', async () => {
    const repo = project([
      'policies:',
      '  - id: a',
      '    require:',
      '      section: Security',
      '   bad: indent',
      '',
    ].join('\n'));
    writeFile(repo, '.sdd/specs/beta.md', markdownSpec({ id: 'beta', title: 'Beta.', status: 'draft' }, '# Beta\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n'));
    const r = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findings(r).map((f) => [f.rule_id, f.file, f.line, f.column]), [
      ['policy-config', '.sdd/policies.yaml', 5, 4],
      ['naming-convention', '.sdd/specs/beta.md', 3, 1],
    ]);
    assert.match(findings(r)[0].message, /^Malformed YAML in the policies file: /);
  });

  // @sdd checks/CHK-004
  it('skips a catastrophically backtracking regex within the time budget, and runs the other policies', async () => {
    const repo = project([
      'policies:',
      '  - id: runaway',
      '    require:',
      '      not:',
      '        body: { matches: "^(?=a)(a+)+$" }',
      '  - id: needs-owner',
      '    severity: warn',
      '    message: Every spec names an owner',
      '    require: { field: { name: owner, exists: true } }',
      '',
    ].join('\n'));
    writeFile(repo, '.sdd/specs/evil.md', markdownSpec({ id: 'evil', title: 'Evil', status: 'draft', owner: 'ana' }, 'a'.repeat(40) + '!'));
    const started = Date.now();
    const r = await runSddInProcess(['check', '--json'], { cwd: repo });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    assert.equal(r.code, 1, describeRun(r));
    // evil.md also lacks a Requirements section (required-sections); only the policies matter here.
    assert.deepEqual(findings(r).filter((f) => f.rule_id.startsWith('policy')).map((f) => [f.rule_id, f.severity, f.file, f.line, f.column, f.message]), [
      ['policy-config', 'error', '.sdd/policies.yaml', 5, 17, 'Policy `runaway`: the regex /^(?=a)(a+)+$/ took longer than 1000 ms on .sdd/specs/evil.md; the policy was skipped'],
      ['policy/needs-owner', 'warning', '.sdd/specs/alpha.md', 6, null, 'Every spec names an owner'],
    ]);
  });
});
