import { it } from 'node:test';
import assert from 'node:assert/strict';
import { testRule, md, runRule } from '../../helpers/rules.js';
import { makeTempDir } from '../../helpers/cli.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { serialiseRecord, signedBytes } from '../../../src/core/governance/record.js';
import {
  ACCESS, UNSIGNED_CONFIG, allowedSignerLine, allowedSigners, people, record, recordFiles, recordPath, signBytes, signed, unsigned,
} from '../../helpers/governance.js';

/**
 * Forgeries of a decision file, each written by hand the way an attacker would (real keys, the
 * production canonical bytes), and the genuine variations that must keep verifying.
 */

const id = 'approval-bad-signature';
const p = people();
const login = md(['id: login', 'title: Login', 'status: approved', 'domain: core', 'owner: ada@example.com'], ['# Login', '', '- **REQ-001** The system MUST log users in.']);
const logout = md(['id: logout', 'title: Logout', 'status: approved', 'domain: core'], ['# Logout']);
const signers = allowedSigners(p.ada, p.bob, p.carol, p.dan);
const base = { '.sdd/access.yml': ACCESS, '.sdd/allowed_signers': signers };
const specs = { 'login.md': login, 'logout.md': logout };
const genuine = signed(record({ of: login }), p.bob);
/** Line of `"signature"` in a record as serialised, with empty dependencies and reviewers. */
const SIG_LINE = 13;
const at = (r: Parameters<typeof recordPath>[0]) => ({ file: recordPath(r), line: SIG_LINE, column: 1 });

const edited = { ...genuine, content_hash: record({ of: login.replace('log users in', 'let anyone in') }).content_hash };
const backdated = { ...genuine, timestamp: '2020-01-01T00:00:00.000Z' };
const promoted = { ...genuine, role: 'org_admin' };
const otherBytes = { ...genuine, signature: signed(record({ of: logout }), p.bob).signature };
const foreignNamespace = { ...genuine, signature: signBytes(signedBytes(genuine), p.bob, 'git') };
const byMallory = signed(record({ of: login }), p.mallory);
const asBobByCarol = signed(record({ of: login }), p.carol);
const garbage = { ...genuine, signature: '-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----' };
const unsignedRecord = unsigned(record({ of: login }));
const rejection = { ...signed(record({ of: login, decision: 'rejected', reason: 'vague' }), p.bob), reason: 'fine after all' };
const request = { ...signed(record({ of: login, principal: 'ada@example.com', decision: 'review_requested' }), p.ada), reviewers: ['mallory@example.com'] };
const logoutApproval = signed(record({ of: logout }), p.bob);
const tricky = signed(record({ of: login, reason: 'ok"\ncontent_hash="sha256:0"\n\\ and ✓' }), p.bob);
const reindented = JSON.stringify(Object.fromEntries(Object.entries(genuine).reverse()), null, 4).replace(/\n/g, '\r\n');

// @sdd approvals/GOV-002
testRule(id, {
  valid: [
    { name: 'an approval signed with an ed25519 key listed for its principal', specs, files: { ...base, ...recordFiles(genuine) } },
    { name: 'an approval signed with an ecdsa-sha2-nistp256 key', specs, files: { ...base, ...recordFiles(signed(record({ of: login, principal: 'carol@example.com' }), p.carol)) } },
    { name: 'a rejection and a review request, signed', specs, files: { ...base, ...recordFiles(signed(record({ of: login, decision: 'rejected', reason: 'vague' }), p.bob), signed(record({ of: login, principal: 'ada@example.com', decision: 'review_requested', reviewers: ['carol@example.com', 'bob@example.com'] }), p.ada)) } },
    { name: 'a record re-indented, keys reordered, CRLF line endings', specs, files: { ...base, [recordPath(genuine)]: reindented } },
    { name: 'a reason with quotes, newlines and non-ASCII text', specs, files: { ...base, ...recordFiles(tricky) } },
    { name: 'allowed_signers with comments and blank lines', specs, files: { ...base, '.sdd/allowed_signers': `# reviewers\n\n${allowedSignerLine(p.bob)}\n`, ...recordFiles(genuine) } },
    { name: 'a principal listed with several namespaces', specs, files: { ...base, '.sdd/allowed_signers': `${allowedSignerLine(p.bob, p.bob.email, 'git,sdd-approval')}\n`, ...recordFiles(genuine) } },
    { name: 'a validly signed decision by someone without rights: approval-unauthorized reports it', specs, files: { ...base, ...recordFiles(signed(record({ of: login, principal: 'dan@example.com' }), p.dan)) } },
    { name: 'an unsigned record when signatures are not required', config: UNSIGNED_CONFIG, specs, files: { ...base, ...recordFiles(unsignedRecord) } },
    { name: 'no decision files, no allowed_signers', specs },
    { name: 'files that are not .json are ignored', specs, files: { ...base, '.sdd/approvals/login/README.md': 'notes', '.sdd/approvals/notes.json': '{' } },
    { name: 'severity off', severity: 'off', specs, files: { ...base, ...recordFiles(edited) } },
  ],
  invalid: [
    {
      name: 'content_hash edited after signing',
      specs, files: { ...base, ...recordFiles(edited) },
      errors: [{ message: 'Approval by bob@example.com does not verify: the signature does not match the record (or is not an sdd-approval signature)', ...at(edited), severity: 'error' }],
    },
    { name: 'timestamp edited after signing (backdated)', specs, files: { ...base, ...recordFiles(backdated) }, errors: [{ message: 'the signature does not match the record', ...at(backdated) }] },
    { name: 'claimed role edited after signing', specs, files: { ...base, ...recordFiles(promoted) }, errors: [{ message: 'the signature does not match the record', ...at(promoted) }] },
    { name: 'a genuine signature of different bytes (another spec\'s approval)', specs, files: { ...base, ...recordFiles(otherBytes) }, errors: [{ message: 'the signature does not match the record', ...at(otherBytes) }] },
    { name: 'a signature made in another namespace (git)', specs, files: { ...base, ...recordFiles(foreignNamespace) }, errors: [{ message: 'the signature does not match the record', ...at(foreignNamespace) }] },
    { name: 'a signature that is not one at all', specs, files: { ...base, ...recordFiles(garbage) }, errors: [{ message: 'the signature does not match the record', ...at(garbage) }] },
    {
      name: 'signed by a key not in allowed_signers',
      specs, files: { ...base, ...recordFiles(byMallory) },
      errors: [{ message: 'Approval by bob@example.com does not verify: the signing key is not listed for bob@example.com in .sdd/allowed_signers', ...at(byMallory) }],
    },
    {
      name: 'signed by a key that allowed_signers lists for someone else',
      specs, files: { ...base, ...recordFiles(asBobByCarol) },
      errors: [{ message: 'the signing key is not listed for bob@example.com', ...at(asBobByCarol) }],
    },
    {
      name: 'the principal\'s key is listed, but not for the sdd-approval namespace',
      specs, files: { ...base, '.sdd/allowed_signers': `${allowedSignerLine(p.bob, p.bob.email, 'git')}\n`, ...recordFiles(genuine) },
      errors: [{ message: 'the signing key is not listed for bob@example.com', ...at(genuine) }],
    },
    {
      name: 'no allowed_signers file',
      specs, files: { '.sdd/access.yml': ACCESS, ...recordFiles(genuine) },
      errors: [{ message: 'does not verify: there is no .sdd/allowed_signers to verify signatures against', ...at(genuine) }],
    },
    {
      name: 'an unsigned record while signatures are required',
      specs, files: { ...base, ...recordFiles(unsignedRecord) },
      errors: [{ message: 'Approval by bob@example.com does not verify: the record is not signed, and approvals.require_signature is on', ...at(unsignedRecord) }],
    },
    { name: 'a rejection whose reason was edited', specs, files: { ...base, ...recordFiles(rejection) }, errors: [{ message: 'Rejection by bob@example.com does not verify', ...at(rejection) }] },
    {
      name: 'a review request whose reviewers were edited',
      specs, files: { ...base, ...recordFiles(request) },
      errors: [{ message: 'Review request by ada@example.com does not verify', file: recordPath(request), line: 15, column: 1 }],
    },
    {
      name: 'a genuine approval of another spec filed under this one',
      specs, files: { ...base, '.sdd/approvals/login/copied.json': serialiseRecord(logoutApproval) },
      errors: [{ message: 'Decision file cannot be used: it names spec "logout" but is filed under approvals/login/', file: '.sdd/approvals/login/copied.json', line: 1, column: 1 }],
    },
    {
      name: 'a file that is not JSON',
      specs, files: { ...base, '.sdd/approvals/login/broken.json': '{"version": 1,' },
      errors: [{ message: 'Decision file cannot be used: not valid JSON', file: '.sdd/approvals/login/broken.json', line: 1, column: 1 }],
    },
    {
      name: 'a JSON file of the wrong shape',
      specs, files: { ...base, '.sdd/approvals/login/odd.json': JSON.stringify({ ...genuine, version: 2, decision: 'approve', dependencies: ['x'] }, null, 2) },
      errors: [{ message: 'Decision file cannot be used: `version` must be 1; `decision` must be one of approved, rejected, review_requested, code_accepted, status_forced; `dependencies` must map ids to content hashes', file: '.sdd/approvals/login/odd.json', line: 1, column: 1 }],
    },
    {
      name: 'a JSON array',
      specs, files: { ...base, '.sdd/approvals/login/list.json': '[]' },
      errors: [{ message: 'Decision file cannot be used: not a JSON object', file: '.sdd/approvals/login/list.json', line: 1, column: 1 }],
    },
  ],
});

it('approval-bad-signature: a forged copy and the genuine record get distinct, stable fingerprints', async () => {
  const project = { specs, files: { ...base, '.sdd/approvals/login/a.json': serialiseRecord(edited), '.sdd/approvals/login/b.json': serialiseRecord(byMallory) } };
  const first = await runRule(id, project);
  const again = await runRule(id, { ...project, files: { ...project.files, '.sdd/approvals/login/b.json': JSON.stringify(byMallory) } });
  assert.equal(first.length, 2);
  assert.notEqual(first[0].fingerprint, first[1].fingerprint);
  assert.deepEqual(again.map((f) => [f.fingerprint, f.line]), [[first[0].fingerprint, SIG_LINE], [first[1].fingerprint, 1]]);
});

it('approval-bad-signature: without ssh-keygen nothing can be verified: an ssh_keygen_missing error, no finding, no verdict remembered', async () => {
  const r = signed(record({ of: login, reason: 'checked without ssh-keygen' }), p.bob);
  const project = { specs, files: { ...base, ...recordFiles(r) } };
  const path = process.env.PATH;
  process.env.PATH = makeTempDir('sdd-empty-bin-');
  try {
    await assert.rejects(runRule(id, project), (err: unknown) => {
      assert.ok(err instanceof SddError);
      assert.equal(err.code, 'ssh_keygen_missing');
      assert.match(err.message, /^Signatures cannot be verified here/);
      assert.match(err.fix ?? '', /Install OpenSSH/);
      assert.equal(err.target, undefined, 'the decision file is not blamed');
      return true;
    });
  } finally {
    process.env.PATH = path;
  }
  assert.deepEqual(await runRule(id, project), [], 'with ssh-keygen back, the same record verifies');
});
