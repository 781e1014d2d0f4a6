import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeGitRepo, parseJsonDocument, writeFile, type RunResult } from '../helpers/cli.js';
import { ACCESS, allowedSigners, people } from '../helpers/governance.js';
import { TAG } from '../helpers/drift.js';
import { multitoolValidate } from '../helpers/sarif.js';
import type { FindingJson } from '../../src/json-types.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * Drift end to end: a real git repository with a small source tree in four languages, real
 * ed25519 keys for approvals and acceptances, and the spawned CLI.
 */

const p = people();

function spec(id: string, status: string, reqs: string[], extra: string[] = []): string {
  return [
    '---', `id: ${id}`, `title: ${id[0].toUpperCase()}${id.slice(1)}`, `status: ${status}`, 'domain: core', 'owner: ada@example.com', ...extra, '---',
    `# ${id}`, '', '## Requirements', '', ...reqs.map((r, i) => `- **REQ-00${i + 1}** The system MUST ${r}.`), '',
  ].join('\n');
}
// Front matter of 6 lines + `---` twice: requirement n is on line 11 + n (12 + extra lines).
const reqLine = (n: number, extra = 0) => 11 + n + extra;

interface Repo {
  root: string;
  sdd(...args: string[]): Promise<RunResult>;
  json(...args: string[]): Promise<Record<string, unknown>>;
  commit(message: string): string;
  write(rel: string, text: string): void;
  approve(id: string, who?: typeof p.bob): Promise<void>;
}

function repo(config = 'version: 1\n'): Repo {
  const root = makeGitRepo();
  writeFile(root, '.sdd/.gitignore', '.cache/\n');
  writeFile(root, '.sdd/config.yaml', config);
  writeFile(root, '.sdd/access.yml', ACCESS);
  writeFile(root, '.sdd/allowed_signers', allowedSigners(p.bob, p.carol));
  const r: Repo = {
    root,
    sdd: (...args) => runSddInProcess(args, { cwd: root }),
    async json(...args) {
      const run = await runSddInProcess([...args, '--json'], { cwd: root });
      assert.equal(run.stderr, '', describeRun(run));
      assert.ok(run.code === 0 || run.code === 1, describeRun(run));
      return parseJsonDocument(run.stdout);
    },
    commit(message) {
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', message);
      return git(root, 'rev-parse', 'HEAD');
    },
    write: (rel, text) => void writeFile(root, rel, text),
    async approve(id, who = p.bob) {
      const run = await runSddInProcess(['approve', id, '--as', who.email, '--key', who.privateKey], { cwd: root });
      assert.equal(run.code, 0, describeRun(run));
    },
  };
  return r;
}

interface DriftJson {
  ok: boolean;
  coverage: { overall: Coverage; domains: Record<string, Coverage> };
  specs: Array<{ id: string; state: string; problems: string[]; coverage: Coverage; requirements: Array<{ id: string; line: number; status: string; impl: Place[]; test: Place[]; changed: string[] }>; code_drift: { changed: string[]; reason: string | null } | null; suspect: string[]; tags: TagJson[] }>;
  tags: TagJson[];
}
interface Coverage { requirements: number; implemented: number; tested: number }
interface Place { file: string; line: number; column: number }
interface TagJson { kind: string; file: string; line: number; column: number; spec: string | null; requirement: string | null; message: string }

describe('e2e: drift on a multi-language source tree', () => {
  let r: Repo;
  let drift: DriftJson;
  let findings: FindingJson[];
  let approvalCommit: string;
  let ratesPin: string;

  before(async () => {
    r = repo('version: 1\ndrift:\n  require_tests: true\n');
    r.write('.sdd/specs/core/billing.md', spec('billing', 'review', ['charge cards', 'send invoices', 'refund charges']));
    r.write('.sdd/specs/core/ledger.md', spec('ledger', 'review', ['record every charge'], ['code: [db/**]']));
    r.write('.sdd/specs/core/rates.md', spec('rates', 'review', ['publish rates daily']));
    r.write('.sdd/specs/core/payments.md', spec('payments', 'review', ['pay at the published rate'], ['depends_on: [rates]']));
    r.write('.sdd/specs/core/legacy.md', spec('legacy', 'deprecated', ['do it the old way']));
    // TypeScript: billing/REQ-001 implemented and tested.
    r.write('src/billing.ts', `import { card } from './card';\n\n// ${TAG} billing/REQ-001\nexport function charge() {}\n`);
    r.write('test/billing.test.ts', `import { charge } from '../src/billing';\n\nit('REQ-001 charges the card', () => charge());\n`);
    // Python: billing/REQ-002 implemented, not tested; rates pinned below once its hash is known.
    r.write('svc/invoice.py', `def send():\n    # ${TAG} billing/REQ-002\n    pass\n`);
    // SQL: ledger/REQ-001, in a file the ledger spec also governs.
    r.write('db/ledger.sql', `CREATE TABLE ledger (id INTEGER);\n-- ${TAG} ledger/REQ-001\nINSERT INTO ledger VALUES (1);\n`);
    r.write('test/ledger_test.go', `func TestLedger(t *testing.T) {\n\tt.Run("ledger/REQ-001 records", f)\n}\n`);
    // Go: three orphaned tags and the payments implementation.
    r.write('cmd/main.go', [
      'package main', '',
      `// ${TAG} billing/REQ-009`,
      `// ${TAG} ghost`,
      `// ${TAG} legacy/REQ-001`,
      `// ${TAG} payments/REQ-001`,
      'func main() {}', '',
    ].join('\n'));
    r.write('test/payments.test.ts', `// ${TAG} payments/REQ-001\n`);
    // Approvals record the commit they were made at: this one.
    approvalCommit = r.commit('specs and code');

    ratesPin = ((await r.json('trace', 'rates')) as { pin: string }).pin;
    r.write('svc/rates.py', `# ${TAG} rates/REQ-001@${ratesPin}\nRATE = 1\n`);
    r.write('test/rates.test.ts', `it('rates/REQ-001 publishes', () => {});\n`);
    for (const id of ['billing', 'ledger', 'payments']) {
      await r.approve(id);
      const st = await r.sdd('status', id, 'approved');
      assert.equal(st.code, 0, describeRun(st));
    }
    r.commit('approved');
    // After the approvals: the ledger's code changes, and rates (a dependency of payments) is edited.
    r.write('db/ledger.sql', `CREATE TABLE ledger (id INTEGER, amount INTEGER);\n-- ${TAG} ledger/REQ-001\nINSERT INTO ledger VALUES (1, 2);\n`);
    r.write('.sdd/specs/core/rates.md', spec('rates', 'review', ['publish rates every hour']));
    r.commit('change ledger and rates');

    drift = (await r.json('drift')) as unknown as DriftJson;
    findings = (await r.json('check')).findings as FindingJson[];
  });

  const specOf = (id: string) => drift.specs.find((s) => s.id === id)!;
  const reqOf = (id: string, req: string) => specOf(id).requirements.find((x) => x.id === req)!;
  const driftFindings = () => findings.filter((f) => f.rule_id.startsWith('drift-')).map((f) => [f.rule_id, f.file, f.line, f.column, f.spec_id]);

  it('covered: implemented in TypeScript and tested by a test name', () => {
    assert.equal(reqOf('billing', 'REQ-001').status, 'covered');
    assert.deepEqual(reqOf('billing', 'REQ-001').impl, [{ file: 'src/billing.ts', line: 3, column: 4 }]);
    assert.deepEqual(reqOf('billing', 'REQ-001').test, [{ file: 'test/billing.test.ts', line: 3, column: 5 }]);
    assert.equal(reqOf('ledger', 'REQ-001').status, 'covered', 'SQL implementation, Go t.Run test');
    assert.deepEqual(reqOf('ledger', 'REQ-001').test, [{ file: 'test/ledger_test.go', line: 2, column: 9 }]);
  });

  it('untested: implemented in Python, with no test', () => {
    assert.equal(reqOf('billing', 'REQ-002').status, 'untested');
    assert.deepEqual(reqOf('billing', 'REQ-002').impl, [{ file: 'svc/invoice.py', line: 2, column: 7 }]);
  });

  it('uncovered: a requirement no code names', () => {
    assert.equal(reqOf('billing', 'REQ-003').status, 'uncovered');
    assert.deepEqual(specOf('billing').problems, ['orphaned', 'uncovered', 'untested']);
  });

  it('orphaned: an unknown requirement, an unknown spec, a deprecated spec, each at its tag in the Go file', () => {
    const orphaned = drift.tags.filter((t) => t.kind === 'orphaned').map((t) => [t.file, t.line, t.column, t.spec, t.requirement]);
    assert.deepEqual(orphaned, [
      ['cmd/main.go', 3, 4, 'billing', 'REQ-009'],
      ['cmd/main.go', 4, 4, 'ghost', null],
      ['cmd/main.go', 5, 4, 'legacy', 'REQ-001'],
    ]);
    assert.ok(!drift.specs.some((s) => s.id === 'legacy'), 'a deprecated spec is not traced');
  });

  it('outdated: the pinned Python tag after rates was edited', () => {
    const outdated = drift.tags.filter((t) => t.kind === 'outdated');
    assert.deepEqual(outdated.map((t) => [t.file, t.line, t.column, t.spec]), [['svc/rates.py', 1, 3, 'rates']]);
    assert.match(outdated[0].message, new RegExp(`pinned to @${ratesPin}, but rates has changed since`));
  });

  it('code-drift: the governed and implementing SQL file changed after the approval', () => {
    const ledger = specOf('ledger');
    assert.deepEqual(ledger.problems, ['code-drift']);
    assert.deepEqual(ledger.code_drift, { changed: ['db/ledger.sql'], reason: null });
    assert.deepEqual(reqOf('ledger', 'REQ-001').changed, ['db/ledger.sql']);
  });

  it('suspect: payments depends on rates, which changed after payments was approved', () => {
    assert.deepEqual(specOf('payments').suspect, ['rates']);
    assert.deepEqual(specOf('payments').problems, ['suspect']);
  });

  it('reports coverage per spec, per domain and overall', () => {
    assert.deepEqual(specOf('billing').coverage, { requirements: 3, implemented: 2, tested: 1 });
    assert.deepEqual(drift.coverage.overall, { requirements: 6, implemented: 5, tested: 4 });
    assert.deepEqual(drift.coverage.domains, { core: { requirements: 6, implemented: 5, tested: 4 } });
    assert.equal(drift.ok, false);
  });

  it('sdd check reports each drift status as its rule, at the tag or the requirement', () => {
    assert.deepEqual(driftFindings(), [
      ['drift-untested', '.sdd/specs/core/billing.md', reqLine(2), 5, 'billing'],
      ['drift-uncovered', '.sdd/specs/core/billing.md', reqLine(3), 5, 'billing'],
      ['drift-code-changed', '.sdd/specs/core/ledger.md', reqLine(1, 1), 5, 'ledger'],
      ['drift-suspect', '.sdd/specs/core/payments.md', 7, 14, 'payments'],
      ['drift-orphaned', 'cmd/main.go', 3, 4, 'billing'],
      ['drift-orphaned', 'cmd/main.go', 4, 4, null],
      ['drift-orphaned', 'cmd/main.go', 5, 4, 'legacy'],
      ['drift-outdated', 'svc/rates.py', 1, 3, 'rates'],
    ]);
    const changed = findings.find((f) => f.rule_id === 'drift-code-changed')!;
    assert.equal(changed.message, `Code implementing REQ-001 changed since the approval at ${approvalCommit.slice(0, 7)}: db/ledger.sql`);
  });

  it('the text report: one line per spec with its problems and coverage, details under it, totals', async () => {
    const run = await r.sdd('drift');
    assert.equal(run.code, 1, describeRun(run));
    const lines = run.stdout.split('\n');
    assert.ok(lines.includes('billing   approved  orphaned,uncovered,untested  impl 2/3  test 1/3'), run.stdout);
    assert.ok(lines.includes(`  code-drift: changed since the approval at ${approvalCommit.slice(0, 7)}: db/ledger.sql`), run.stdout);
    assert.ok(lines.includes('  cmd/main.go:4:4  orphaned: ghost names no spec: there is no spec with the id "ghost"'), run.stdout);
    assert.equal(lines.at(-2), '4 specs: 0 ok, 4 with drift · 2 tags naming no current spec · requirements 6: implemented 5 (83%), tested 4 (67%)');
  });

  it('`sdd drift <id>` narrows to that spec; an unknown id suggests close ones', async () => {
    const one = (await r.json('drift', 'ledger')) as unknown as DriftJson;
    assert.deepEqual(one.specs.map((s) => s.id), ['ledger']);
    const bad = await r.sdd('drift', 'ledgr');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Did you mean "ledger"\?/);
  });

  it('sdd trace lists implementing and testing locations per requirement', async () => {
    const t = (await r.json('trace', 'billing')) as { pin: string; requirements: Array<{ id: string; keyword: string; status: string; impl: Place[]; test: Place[] }> };
    assert.match(t.pin, /^[0-9a-f]{8}$/);
    assert.deepEqual(t.requirements.map((x) => [x.id, x.keyword, x.status, x.impl.map((l) => `${l.file}:${l.line}`), x.test.map((l) => `${l.file}:${l.line}`)]), [
      ['REQ-001', 'MUST', 'covered', ['src/billing.ts:3'], ['test/billing.test.ts:3']],
      ['REQ-002', 'MUST', 'untested', ['svc/invoice.py:2'], []],
      ['REQ-003', 'MUST', 'uncovered', [], []],
    ]);
    const text = await r.sdd('trace', 'ledger');
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /^ {4}impl {2}db\/ledger\.sql:2$/m);
    assert.match(text.stdout, /governed by code: 1 file \(db\/ledger\.sql\)/);
  });

  it('sdd stats reports coverage per domain and overall, and per spec in JSON', async () => {
    const s = (await r.json('stats')) as { specs: number; by_status: Record<string, number>; coverage: Coverage; domains: Array<Coverage & { domain: string }>; per_spec: Array<Coverage & { id: string }> };
    assert.equal(s.specs, 5);
    assert.deepEqual(s.by_status, { draft: 0, review: 1, approved: 3, implemented: 0, deprecated: 1 });
    assert.deepEqual(s.coverage, { requirements: 6, implemented: 5, tested: 4 });
    assert.deepEqual(s.domains, [{ domain: 'core', specs: 4, requirements: 6, implemented: 5, tested: 4 }]);
    assert.deepEqual(s.per_spec.map((x) => [x.id, x.requirements, x.implemented, x.tested]), [['billing', 3, 2, 1], ['ledger', 1, 1, 1], ['payments', 1, 1, 1], ['rates', 1, 1, 1]]);
    const text = await r.sdd('stats', '--specs');
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /^all +4 +6 +5 \(83%\) +4 \(67%\)$/m);
    assert.match(text.stdout, /^billing +approved +3 +2 \(67%\) +1 \(33%\)$/m);
  });

  it('the SARIF of the drift findings passes the multitool with GitHub rules, code files as repo-relative URIs', async () => {
    const file = path.join(r.root, 'drift.sarif');
    const run = await r.sdd('check', '--format', 'sarif', '--output', file);
    assert.equal(run.code, 1, describeRun(run));
    const log = JSON.parse(fs.readFileSync(file, 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }> }> }> };
    const orphaned = log.runs[0].results.filter((x) => x.ruleId === 'drift-orphaned').map((x) => x.locations[0].physicalLocation);
    assert.deepEqual(orphaned.map((l) => [l.artifactLocation.uri, l.artifactLocation.uriBaseId, l.region.startLine]), [['cmd/main.go', '%SRCROOT%', 3], ['cmd/main.go', '%SRCROOT%', 4], ['cmd/main.go', '%SRCROOT%', 5]]);
    for (const kind of ['Sarif', 'Gh'] as const) assert.deepEqual(multitoolValidate(file, kind).filter((x) => x.level === 'error'), [], kind);
  });

  it('editing and deleting code files is reflected at once (the index re-reads only what changed)', async () => {
    r.write('cmd/main.go', 'package main\n\nfunc main() {}\n');
    fs.rmSync(path.join(r.root, 'svc/rates.py'));
    const after = (await r.json('drift')) as unknown as DriftJson;
    assert.deepEqual(after.tags, []);
    assert.equal(after.specs.find((s) => s.id === 'rates')!.requirements[0].status, 'pending');
    git(r.root, 'checkout', '-q', '--', 'cmd/main.go', 'svc/rates.py');
    const back = (await r.json('drift')) as unknown as DriftJson;
    assert.deepEqual(back.tags.map((t) => t.line), drift.tags.map((t) => t.line));
  });
});

describe('e2e: code drift and sdd drift accept', () => {
  it('approve, commit, change a governed file, commit: code-drift; drift accept: clean', async () => {
    const r = repo();
    r.write('.sdd/specs/core/ledger.md', spec('ledger', 'review', ['record every charge'], ['code: [db/**]']));
    r.write('db/ledger.sql', `-- ${TAG} ledger/REQ-001\nSELECT 1;\n`);
    r.write('db/schema.sql', 'CREATE TABLE t (id INTEGER);\n');
    r.commit('ledger');
    await r.approve('ledger');
    assert.equal((await r.sdd('status', 'ledger', 'approved')).code, 0);
    r.commit('approved');
    assert.deepEqual(((await r.json('drift', 'ledger')) as unknown as DriftJson).specs[0].problems, []);

    r.write('db/schema.sql', 'CREATE TABLE t (id INTEGER, name TEXT);\n');
    r.commit('schema change');
    const drifted = (await r.json('drift', 'ledger')) as unknown as DriftJson;
    assert.deepEqual(drifted.specs[0].problems, ['code-drift']);
    assert.deepEqual(drifted.specs[0].code_drift, { changed: ['db/schema.sql'], reason: null });
    const check = await r.sdd('check');
    assert.equal(check.code, 0, 'drift-code-changed is a warning by default');
    assert.match(check.stdout, /7:1 +warn +Code governed by ledger changed since the approval at [0-9a-f]{7}: db\/schema\.sql {2}drift-code-changed/);

    const byOwner = await r.sdd('drift', 'accept', 'ledger', '--as', p.ada.email, '--key', p.ada.privateKey);
    assert.equal(byOwner.code, 2, 'the owner cannot accept their own spec');
    assert.match(byOwner.stderr, /ada@example\.com owns ledger and cannot accept the code of it/);

    const accepted = await r.sdd('drift', 'accept', 'ledger', '--as', p.carol.email, '--key', p.carol.privateKey, '--reason', 'schema only', '--json');
    assert.equal(accepted.code, 0, describeRun(accepted));
    const out = parseJsonDocument(accepted.stdout) as { file: string; record: { decision: string; commit: string; signature: string }; uncommitted: string[] };
    assert.equal(out.record.decision, 'code_accepted');
    assert.equal(out.record.commit, git(r.root, 'rev-parse', 'HEAD'));
    assert.match(out.record.signature, /^-----BEGIN SSH SIGNATURE-----/);
    assert.deepEqual(out.uncommitted, []);
    assert.deepEqual(((await r.json('drift', 'ledger')) as unknown as DriftJson).specs[0].problems, [], 'clean after the acceptance');
    const audit = await r.sdd('audit', 'verify');
    assert.equal(audit.code, 0, describeRun(audit));
    const logs = (await r.json('audit', 'logs', '--action', 'code.accepted')) as { events: Array<{ actor: string; resource: string }> };
    assert.deepEqual(logs.events.map((e) => [e.actor, e.resource]), [['carol@example.com', 'ledger']]);

    r.write('db/ledger.sql', `-- ${TAG} ledger/REQ-001\nSELECT 2;\n`);
    const again = (await r.json('drift', 'ledger')) as unknown as DriftJson;
    assert.deepEqual(again.specs[0].code_drift?.changed, ['db/ledger.sql'], 'an uncommitted change after the acceptance is drift too');
  });

  it('drift accept refuses a spec without a valid approval', async () => {
    const r = repo();
    r.write('.sdd/specs/core/ledger.md', spec('ledger', 'review', ['record every charge']));
    r.commit('ledger');
    const run = await r.sdd('drift', 'accept', 'ledger', '--as', p.bob.email, '--key', p.bob.privateKey);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /ledger has no valid approval of its current content \(approval state: none\)/);
    assert.ok(!fs.existsSync(path.join(r.root, '.sdd/approvals')), 'nothing written');
  });
});

describe('e2e: tags follow the spec', () => {
  it('renaming a requirement id leaves the old tags orphaned', async () => {
    const r = repo();
    r.write('.sdd/specs/core/login.md', spec('login', 'review', ['log users in', 'lock accounts']));
    r.write('src/lock.ts', `// ${TAG} login/REQ-002\nexport {};\n`);
    r.commit('login');
    assert.deepEqual(((await r.json('drift')) as unknown as DriftJson).tags, []);
    const file = path.join(r.root, '.sdd/specs/core/login.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('REQ-002', 'REQ-020'));
    const tags = ((await r.json('drift')) as unknown as DriftJson).tags;
    assert.deepEqual(tags.map((t) => [t.kind, t.file, t.line, t.message]), [['orphaned', 'src/lock.ts', 1, 'login/REQ-002 names no requirement: login has no REQ-002']]);
  });

  it('a pinned tag goes out of date with a real edit of the spec, not with a whitespace-only one', async () => {
    const r = repo();
    const file = '.sdd/specs/core/login.md';
    r.write(file, spec('login', 'review', ['log users in']));
    r.commit('login');
    const pin = ((await r.json('trace', 'login')) as { pin: string }).pin;
    r.write('app/login.py', `# ${TAG} login/REQ-001@${pin}\n`);
    const kinds = async () => ((await r.json('drift')) as unknown as DriftJson).tags.map((t) => t.kind);
    assert.deepEqual(await kinds(), []);
    const reflowed = spec('login', 'approved', ['log users in'], ['tags: [x]']).replace('MUST log users in.', 'MUST   log\n  users in.   ').replace('\n## Requirements', '\n\n## Requirements');
    r.write(file, reflowed);
    assert.deepEqual(await kinds(), [], 'reflowed text, another status and a tag keep the pin');
    r.write(file, spec('login', 'review', ['log users in with a passkey']));
    assert.deepEqual(await kinds(), ['outdated']);
  });
});

describe('e2e: sdd status <id> implemented needs the evidence', () => {
  it('refuses with the list of what is missing, --force --reason records an override, complete evidence passes', async () => {
    const r = repo();
    r.write('.sdd/specs/core/login.md', spec('login', 'review', ['log users in', 'lock accounts']));
    r.write('src/login.ts', `// ${TAG} login/REQ-001\n`);
    r.commit('login');
    await r.approve('login');
    assert.equal((await r.sdd('status', 'login', 'approved')).code, 0);
    r.commit('approved');

    const refused = await r.sdd('status', 'login', 'implemented', '--json');
    assert.equal(refused.code, 2);
    const err = (parseJsonDocument(refused.stdout) as { error: { code: string; message: string; target: string } }).error;
    assert.equal(err.code, 'evidence_missing');
    assert.equal(err.target, '.sdd/specs/core/login.md:4');
    assert.match(err.message, /login cannot be implemented yet: REQ-002 has no implementing code/);
    assert.match(fs.readFileSync(path.join(r.root, '.sdd/specs/core/login.md'), 'utf8'), /^status: approved$/m, 'the file is untouched');

    const noReason = await r.sdd('status', 'login', 'implemented', '--force');
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /needs a reason/);

    const forced = await r.sdd('status', 'login', 'implemented', '--force', '--reason', 'lockout ships next week', '--as', p.bob.email, '--json');
    // --as is not an option of sdd status: principal and key come from git config.
    assert.equal(forced.code, 2, 'unknown option');
    git(r.root, 'config', 'user.email', p.bob.email);
    git(r.root, 'config', 'user.signingkey', p.bob.privateKey);
    const ok = await r.sdd('status', 'login', 'implemented', '--force', '--reason', 'lockout ships next week', '--json');
    assert.equal(ok.code, 0, describeRun(ok));
    const out = parseJsonDocument(ok.stdout) as { to: string; override_file: string; warnings: string[] };
    assert.equal(out.to, 'implemented');
    assert.match(out.override_file, /^\.sdd\/approvals\/login\/\d{8}T\d{6}Z-status-forced-bob-example-com\.json$/);
    const record = JSON.parse(fs.readFileSync(path.join(r.root, out.override_file), 'utf8')) as { decision: string; reason: string; signature: string };
    assert.equal(record.decision, 'status_forced');
    assert.match(record.reason, /^lockout ships next week \(missing: REQ-002 has no implementing code/);
    assert.match(record.signature, /^-----BEGIN SSH SIGNATURE-----/);
    r.commit('forced');
    const logs = (await r.json('audit', 'logs', '--action', 'status.forced')) as { events: Array<{ actor: string }> };
    assert.deepEqual(logs.events.map((e) => e.actor), ['bob@example.com']);

    // Back to approved with the evidence complete: the move is allowed without --force.
    assert.equal((await r.sdd('status', 'login', 'review', '--reason', 'redo')).code, 0);
    r.write('src/lock.ts', `// ${TAG} login/REQ-002\n`);
    r.commit('lockout');
    await r.approve('login', p.carol);
    assert.equal((await r.sdd('status', 'login', 'approved')).code, 0);
    const done = await r.sdd('status', 'login', 'implemented');
    assert.equal(done.code, 0, describeRun(done));
  });
});
