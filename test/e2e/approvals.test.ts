import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeGitRepo, parseJsonDocument, writeFile, type RunResult } from '../helpers/cli.js';
import { ACCESS, allowedSigners, people, record, signed, writeRecord } from '../helpers/governance.js';
import type { FindingJson } from '../../src/json-types.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * Approvals end to end: a real git repository, the spawned CLI, real ed25519 and
 * ecdsa-sha2-nistp256 keys. Genuine decisions are made with `sdd approve` / `sdd reject`;
 * forgeries are written by hand with the same keys and canonical bytes an attacker could use.
 *
 * | Forgery                                               | `sdd check` finding                                                                  | `sdd audit verify`              |
 * | ----------------------------------------------------- | ------------------------------------------------------------------------------------ | ------------------------------- |
 * | (a1) hand-written approval, signature of other bytes  | approval-bad-signature: "…does not verify: the signature does not match the record…" | bad_signature                   |
 * | (a2) content_hash edited after signing                | approval-bad-signature: "…does not verify: the signature does not match the record…" | bad_signature                   |
 * | (b)  signed by a key allowed_signers does not list    | approval-bad-signature: "…the signing key is not listed for bob@example.com…"        | unknown_key                     |
 * | (c)  validly signed by a contributor                  | approval-unauthorized: "…dan@example.com is a contributor for domain "core"…"        | unauthorized                    |
 * | (d)  self-approval by the owner (sdd approve: exit 2) | approval-unauthorized: "…ada@example.com owns the spec and cannot approve it"        | unauthorized                    |
 * | (e)  file edited after it was committed               | approval-record-tampered: "Decision file was modified in commit …"                   | modified_after_commit           |
 * | (f)  file deleted after it was committed              | approval-record-tampered: "Decision file was deleted in commit …"                    | deleted_after_commit            |
 * | (g)  file edited in a merge commit                    | approval-record-tampered: "Decision file was modified in commit <merge> …"           | modified_after_commit           |
 *
 * (a)–(d) and (f) also leave the spec without a valid approval, so approval-missing reports its
 * `status: approved` too. (e) and (g) only reformat the JSON, which keeps the signature valid
 * (it covers canonical bytes, not the file's layout): only the history gives them away.
 */

const p = people();
const SESSION = ['---', 'id: session', 'title: Session', 'status: review', 'domain: core', 'owner: ada@example.com', '---', '# Session', '', '## Requirements', '', '- **REQ-001** The system MUST expire sessions after one hour.', ''].join('\n');
const LOGIN_BODY = ['# Login', '', '## Requirements', '', '- **REQ-001** The system MUST log users in', '  with a password.', ''];
const login = (status: string, body = LOGIN_BODY) =>
  ['---', 'id: login', 'title: Login', `status: ${status}`, 'domain: core', 'owner: ada@example.com', 'depends_on: [session]', '---', ...body].join('\n');
const LOGIN_FILE = '.sdd/specs/core/login.md';
const SIGNERS = allowedSigners(p.ada, p.bob, p.carol, p.dan);

interface Project {
  repo: string;
  sdd(...args: string[]): Promise<RunResult>;
  /** `sdd check --json`: asserts a clean run (exit 0 without errors, 1 with), returns [rule, file, message] of each finding. */
  check(): Promise<Array<[string, string, string]>>;
  setStatus(status: string): void;
  commit(message: string): void;
}

/** A committed project: `login` (owned by ada, in review) depends on `session`. */
function project(access = ACCESS): Project {
  const repo = makeGitRepo();
  writeFile(repo, '.sdd/.gitignore', '.cache/\n');
  writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
  writeFile(repo, '.sdd/access.yml', access);
  writeFile(repo, '.sdd/allowed_signers', SIGNERS);
  writeFile(repo, '.sdd/specs/core/session.md', SESSION);
  writeFile(repo, LOGIN_FILE, login('review'));
  const proj: Project = {
    repo,
    sdd: (...args) => runSddInProcess(args, { cwd: repo }),
    async check() {
      const r = await runSddInProcess(['check', '--json'], { cwd: repo });
      assert.equal(r.stderr, '', describeRun(r));
      const findings = parseJsonDocument(r.stdout).findings as FindingJson[];
      assert.equal(r.code, findings.some((f) => f.severity === 'error') ? 1 : 0, describeRun(r));
      // Drift rules (test/e2e/drift.test.ts) also speak about approved specs; this file is about approvals.
      return findings.filter((f) => !f.rule_id.startsWith('drift-')).map((f) => [f.rule_id, f.file, f.message]);
    },
    setStatus(status) {
      const file = path.join(repo, LOGIN_FILE);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^status: \w+$/m, `status: ${status}`));
    },
    commit(message) {
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', message);
    },
  };
  proj.commit('specs');
  return proj;
}

/** Runs `sdd approve|reject … --json` and returns the new decision file's path. */
async function decide(proj: Project, args: string[]): Promise<string> {
  const r = await proj.sdd(...args, '--json');
  assert.equal(r.code, 0, describeRun(r));
  const out = parseJsonDocument(r.stdout);
  assert.ok(fs.existsSync(path.join(proj.repo, out.file as string)), `${out.file} was written`);
  return out.file as string;
}

const approveAs = (proj: Project, who: typeof p.bob) => decide(proj, ['approve', 'login', '--as', who.email, '--key', who.privateKey]);
const missing = (message: string): [string, string, string] => ['approval-missing', LOGIN_FILE, `Status is "approved", but ${message}`];
const approvalFiles = (repo: string) => (fs.existsSync(path.join(repo, '.sdd/approvals')) ? fs.readdirSync(path.join(repo, '.sdd/approvals'), { recursive: true }) : []);

// @sdd approvals/GOV-001, approvals/GOV-002
describe('e2e: signed approvals', () => {
  for (const [type, who, algorithm] of [['ed25519', p.bob, 'ssh-ed25519'], ['ecdsa', p.carol, 'ecdsa-sha2-nistp256']] as const) {
    it(`approving with an ${type} key: the approved spec has no approval finding`, async () => {
      assert.ok(who.publicKey.startsWith(`${algorithm} `), who.publicKey);
      const proj = project();
      const r = await proj.sdd('approve', 'login', '--as', who.email, '--key', who.privateKey, '--json');
      assert.equal(r.code, 0, describeRun(r));
      assert.equal(r.stderr, '');
      const out = parseJsonDocument(r.stdout) as { verified: boolean; record: { signature: string; principal: string; role: string; dependencies: Record<string, string> }; approval: { state: string } };
      assert.equal(out.verified, true);
      assert.match(out.record.signature, /^-----BEGIN SSH SIGNATURE-----/);
      assert.deepEqual([out.record.principal, out.record.role, Object.keys(out.record.dependencies)], [who.email, 'reviewer', ['session']]);
      assert.equal(out.approval.state, 'approved');
      proj.setStatus('approved');
      assert.deepEqual(await proj.check(), []);
    });
  }

  // @sdd approvals/GOV-005
  it('an edit of the body makes the approval stale; a whitespace-only reformat does not', async () => {
    const proj = project();
    await approveAs(proj, p.bob);
    proj.setStatus('approved');
    proj.commit('approved');
    const file = path.join(proj.repo, LOGIN_FILE);
    const approved = fs.readFileSync(file, 'utf8');

    fs.writeFileSync(file, login('approved', ['# Login', '', '', '## Requirements', '', '-   **REQ-001**  The system MUST log users in with', '      a password.   ', '', '']));
    assert.deepEqual(await proj.check(), [], 'reflowed and re-indented: still approved');

    fs.writeFileSync(file, approved.replace('with a password', 'with a password or a passkey'));
    assert.deepEqual(await proj.check(), [
      ['approval-stale', LOGIN_FILE, 'The spec changed after it was approved by bob@example.com: 0 of 1 approval cover the current content'],
    ]);

    fs.writeFileSync(file, approved);
    assert.deepEqual(await proj.check(), [], 'undoing the edit brings the approval back');
  });

  // @sdd approvals/GOV-005
  it('a change to a dependency\'s body makes the approval suspect', async () => {
    const proj = project();
    await approveAs(proj, p.bob);
    proj.setStatus('approved');
    fs.appendFileSync(path.join(proj.repo, '.sdd/specs/core/session.md'), '- **REQ-002** The system MUST expire sessions on logout.\n');
    assert.deepEqual(await proj.check(), [['approval-suspect-dependency', LOGIN_FILE, 'Dependency "session" changed after this spec was approved']]);
  });

  it('a rejection after an approval by the same reviewer cancels it', async () => {
    const proj = project();
    await approveAs(proj, p.bob);
    proj.setStatus('approved');
    assert.deepEqual(await proj.check(), []);
    const r = await proj.sdd('reject', 'login', '--reason', 'REQ-001 says nothing about lockout', '--as', 'bob@example.com', '--key', p.bob.privateKey, '--json');
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(parseJsonDocument(r.stdout).approval, { state: 'rejected', quorum: 1, approvers: [], rejected_by: ['bob@example.com'] });
    assert.deepEqual(await proj.check(), [missing('bob@example.com rejected the current content')]);
    await approveAs(proj, p.bob);
    assert.deepEqual(await proj.check(), [], 'approving again replaces the rejection');
  });
});

// @sdd approvals/GOV-004
describe('e2e: quorum 2 through a @team', () => {
  const access = ACCESS.replace('    contributors:', '    quorum: 2\n    contributors:');

  it('counts distinct reviewers: one is 1 of 2, the same one twice is still 1, two are enough', async () => {
    const proj = project(access);
    proj.setStatus('approved');
    assert.deepEqual(await proj.check(), [missing('the spec has no valid approval (quorum 2)')]);
    await approveAs(proj, p.bob);
    assert.deepEqual(await proj.check(), [missing('the spec has fewer valid approvals than its quorum (1 of 2: bob@example.com)')]);
    const again = await approveAs(proj, p.bob);
    assert.match(again, /-approved-bob-example-com(-2)?\.json$/);
    assert.equal(approvalFiles(proj.repo).filter((f) => String(f).endsWith('.json')).length, 2);
    assert.deepEqual(await proj.check(), [missing('the spec has fewer valid approvals than its quorum (1 of 2: bob@example.com)')]);
    await approveAs(proj, p.carol);
    assert.deepEqual(await proj.check(), []);
  });
});

/** Asserts `sdd audit verify --json` finds exactly these [file, problem] pairs, and exits 1 if any. */
async function assertAudit(_t: TestContext, proj: Project, expected: Array<[string, string]>): Promise<void> {
  const r = await proj.sdd('audit', 'verify', '--json');
  assert.equal(r.stderr, '', describeRun(r));
  const doc = parseJsonDocument(r.stdout) as { ok: boolean; problems: Array<{ file: string; problem: string }> };
  assert.deepEqual(doc.problems.map((pr) => [pr.file, pr.problem]), expected, describeRun(r));
  assert.equal(r.code, expected.length ? 1 : 0, describeRun(r));
}

const head = (proj: Project) => git(proj.repo, 'rev-parse', 'HEAD').slice(0, 12);
const DOES_NOT_MATCH = 'Approval by bob@example.com does not verify: the signature does not match the record (or is not an sdd-approval signature)';

describe('e2e: forged and tampered decisions', () => {
  const forge = (fields: Parameters<typeof record>[0] = {}) => record({ of: login('approved'), deps: [SESSION], ...fields });

  it('(a1) a hand-written approval with a signature of other bytes: approval-bad-signature', async (t) => {
    const proj = project();
    proj.setStatus('approved');
    const genuine = forge();
    const file = writeRecord(proj.repo, { ...genuine, signature: signed({ ...genuine, reason: 'something else' }, p.bob).signature });
    assert.deepEqual(await proj.check(), [missing('the spec has no valid approval (quorum 1)'), ['approval-bad-signature', file, DOES_NOT_MATCH]].sort(byFile));
    await assertAudit(t, proj, [[file, 'bad_signature']]);
  });

  it('(a2) an approval whose content_hash was edited after signing: approval-bad-signature', async (t) => {
    const proj = project();
    const file = await approveAs(proj, p.bob);
    // The spec is changed, and the approval "updated" to the new hash so that it does not look stale.
    const edited = login('approved', LOGIN_BODY.map((l) => l.replace('with a password', 'without a password')));
    fs.writeFileSync(path.join(proj.repo, LOGIN_FILE), edited);
    const abs = path.join(proj.repo, file);
    const data = JSON.parse(fs.readFileSync(abs, 'utf8')) as { content_hash: string };
    const newHash = record({ of: edited }).content_hash;
    assert.notEqual(data.content_hash, newHash);
    fs.writeFileSync(abs, JSON.stringify({ ...data, content_hash: newHash }, null, 2) + '\n');
    assert.deepEqual(await proj.check(), [missing('the spec has no valid approval (quorum 1)'), ['approval-bad-signature', file, DOES_NOT_MATCH]].sort(byFile));
    await assertAudit(t, proj, [[file, 'bad_signature']]);
  });

  it('(b) signed with a key not in allowed_signers: sdd approve warns, check reports approval-bad-signature', async (t) => {
    const proj = project();
    const r = await proj.sdd('approve', 'login', '--as', 'bob@example.com', '--key', p.mallory.privateKey, '--json');
    assert.equal(r.code, 0, describeRun(r));
    const out = parseJsonDocument(r.stdout) as { file: string; verified: boolean; approval: { state: string } };
    assert.deepEqual([out.verified, out.approval.state], [false, 'none']);
    proj.setStatus('approved');
    assert.deepEqual(await proj.check(), [
      missing('the spec has no valid approval (quorum 1)'),
      ['approval-bad-signature', out.file, 'Approval by bob@example.com does not verify: the signing key is not listed for bob@example.com in .sdd/allowed_signers'],
    ].sort(byFile));
    await assertAudit(t, proj, [[out.file, 'unknown_key']]);
  });

  it('(c) a valid signature by someone without reviewer rights: sdd approve refuses, a hand-made one is approval-unauthorized', async (t) => {
    const proj = project();
    const r = await proj.sdd('approve', 'login', '--as', 'dan@example.com', '--key', p.dan.privateKey, '--json');
    assert.equal(r.code, 2, describeRun(r));
    assert.equal((parseJsonDocument(r.stdout).error as { code: string }).code, 'not_authorized');
    assert.deepEqual(approvalFiles(proj.repo), []);
    proj.setStatus('approved');
    const file = writeRecord(proj.repo, signed(forge({ principal: 'dan@example.com' }), p.dan));
    assert.deepEqual(await proj.check(), [
      missing('the spec has no valid approval (quorum 1)'),
      ['approval-unauthorized', file, 'Decision does not count: dan@example.com is a contributor for domain "core", and deciding needs reviewer rights'],
    ].sort(byFile));
    await assertAudit(t, proj, [[file, 'unauthorized']]);
  });

  // @sdd approvals/GOV-004
  it('(d) a self-approval by the owner: sdd approve refuses (exit 2, nothing written), a hand-made one is approval-unauthorized', async (t) => {
    const proj = project();
    const json = await proj.sdd('approve', 'login', '--as', 'ada@example.com', '--key', p.ada.privateKey, '--json');
    assert.equal(json.code, 2, describeRun(json));
    assert.equal((parseJsonDocument(json.stdout).error as { code: string }).code, 'not_authorized');
    const human = await proj.sdd('approve', 'login', '--as', 'ada@example.com', '--key', p.ada.privateKey);
    assert.equal(human.code, 2, describeRun(human));
    assert.match(human.stderr, /ada@example\.com owns login and cannot approve it/);
    assert.deepEqual(approvalFiles(proj.repo), []);
    assert.equal(git(proj.repo, 'status', '--porcelain'), '', 'nothing written');
    proj.setStatus('approved');
    const file = writeRecord(proj.repo, signed(forge({ principal: 'ada@example.com' }), p.ada));
    assert.deepEqual(await proj.check(), [
      missing('the spec has no valid approval (quorum 1)'),
      ['approval-unauthorized', file, 'Decision does not count: ada@example.com owns the spec and cannot approve it'],
    ].sort(byFile));
    await assertAudit(t, proj, [[file, 'unauthorized']]);
  });

  // @sdd approvals/GOV-006
  it('(e) an approval file edited after it was committed: approval-record-tampered', async (t) => {
    const proj = project();
    const file = await approveAs(proj, p.bob);
    proj.setStatus('approved');
    proj.commit('approve login');
    const added = head(proj);
    // A re-indent keeps the signature valid (it covers canonical bytes), yet it rewrites history.
    const abs = path.join(proj.repo, file);
    fs.writeFileSync(abs, JSON.stringify(JSON.parse(fs.readFileSync(abs, 'utf8')), null, 4) + '\n');
    assert.deepEqual(await proj.check(), [['approval-record-tampered', file, `Decision file was modified in the working tree (not committed) after it was committed in ${added}`]]);
    proj.commit('reformat');
    assert.deepEqual(await proj.check(), [['approval-record-tampered', file, `Decision file was modified in commit ${head(proj)} by author@example.test after it was committed in ${added}`]]);
    await assertAudit(t, proj, [[file, 'modified_after_commit']]);
  });

  // @sdd approvals/GOV-006
  it('(f) an approval file deleted after it was committed: approval-record-tampered', async (t) => {
    const proj = project();
    const file = await approveAs(proj, p.bob);
    proj.setStatus('approved');
    proj.commit('approve login');
    const added = head(proj);
    git(proj.repo, 'rm', '-q', file);
    proj.commit('drop the approval');
    assert.deepEqual(await proj.check(), [
      ['approval-record-tampered', file, `Decision file was deleted in commit ${head(proj)} by author@example.test after it was committed in ${added}`],
      missing('the spec has no valid approval (quorum 1)'),
    ]);
    await assertAudit(t, proj, [[file, 'deleted_after_commit']]);
  });

  it('(g) an approval file edited in a merge commit: approval-record-tampered', async (t) => {
    const proj = project();
    const file = await approveAs(proj, p.bob);
    proj.setStatus('approved');
    proj.commit('approve login');
    const added = head(proj);
    const main = git(proj.repo, 'rev-parse', '--abbrev-ref', 'HEAD');
    git(proj.repo, 'checkout', '-q', '-b', 'side');
    writeFile(proj.repo, 'NOTES.md', 'A note.\n');
    proj.commit('side');
    git(proj.repo, 'checkout', '-q', main);
    git(proj.repo, 'merge', '-q', '--no-ff', '--no-commit', 'side');
    const abs = path.join(proj.repo, file);
    fs.writeFileSync(abs, JSON.stringify(JSON.parse(fs.readFileSync(abs, 'utf8'))) + '\n');
    proj.commit('merge side');
    assert.deepEqual(await proj.check(), [
      ['approval-record-tampered', file, `Decision file was modified in commit ${head(proj)} by author@example.test after it was committed in ${added}`],
    ]);
    await assertAudit(t, proj, [[file, 'modified_after_commit']]);
  });

  it('the control case: the same hand-made record, signed by its principal over the canonical bytes, is genuine', async (t) => {
    const proj = project();
    proj.setStatus('approved');
    writeRecord(proj.repo, signed(forge(), p.bob));
    assert.deepEqual(await proj.check(), []);
    proj.commit('approve by hand');
    await assertAudit(t, proj, []);
  });
});

function byFile(a: string[], b: string[]): number {
  return a[1].localeCompare(b[1]);
}
