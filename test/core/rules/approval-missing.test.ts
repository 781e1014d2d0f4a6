import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';
import { ACCESS, UNSIGNED_CONFIG, allowedSigners, people, record, signer, recordFiles, signed, unsigned } from '../../helpers/governance.js';

const id = 'approval-missing';
const p = people();
const signers = allowedSigners(...Object.values(p).filter((s) => s !== p.mallory));
const body = ['# Login', '', '- **REQ-001** The system MUST log users in.'];
const login = (status: string, extra: string[] = []) => md(['id: login', 'title: Login', `status: ${status}`, 'domain: core', 'owner: ada@example.com', ...extra], body);
const approved = login('approved');
const base = { '.sdd/access.yml': ACCESS, '.sdd/allowed_signers': signers };
const quorum2 = { ...base, '.sdd/access.yml': ACCESS.replace('    contributors:', '    quorum: 2\n    contributors:') };
const bobLaptop = signer('bob@example.com', 'ecdsa', 'laptop');
const by = (s: typeof p.bob, extra: Parameters<typeof record>[0] = {}) => signed(record({ of: approved, principal: s.email, ...extra }), s);

// @sdd approvals/GOV-004
testRule(id, {
  valid: [
    { name: 'one signed approval by a reviewer (quorum 1)', specs: { 'login.md': approved }, files: { ...base, ...recordFiles(by(p.bob)) } },
    { name: 'an ecdsa-signed approval', specs: { 'login.md': approved }, files: { ...base, ...recordFiles(by(p.carol)) } },
    { name: 'status implemented, approved', specs: { 'login.md': login('implemented') }, files: { ...base, ...recordFiles(by(p.erin)) } },
    { name: 'a spec in review needs no approval', specs: { 'login.md': login('review') }, files: base },
    { name: 'a draft needs no approval', specs: { 'login.md': login('draft') } },
    { name: 'quorum 2 met by two distinct reviewers', specs: { 'login.md': approved }, files: { ...quorum2, ...recordFiles(by(p.bob), by(p.carol)) } },
    { name: 'an unsigned approval when signatures are not required', config: UNSIGNED_CONFIG, specs: { 'login.md': approved }, files: { ...base, ...recordFiles(unsigned(record({ of: approved }))) } },
    {
      name: 'the approval is stale: approval-stale reports it, not this rule',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.bob, { content_hash: 'sha256:' + 'a'.repeat(64) })) },
    },
    {
      name: 'a later approval after a rejection by the same reviewer counts',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.bob, { decision: 'rejected', reason: 'no' }), by(p.bob)) },
    },
    {
      name: 'a forged rejection does not cancel a genuine approval',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.bob), signed(record({ of: approved, decision: 'rejected', reason: 'forged' }), p.mallory)) },
    },
    { name: 'severity off', severity: 'off', specs: { 'login.md': approved } },
  ],
  invalid: [
    {
      name: 'status approved without any decision file',
      specs: { 'login.md': approved },
      files: base,
      errors: [{ message: 'Status is "approved", but the spec has no valid approval (quorum 1)', line: 4, column: 1, severity: 'error' }],
    },
    {
      name: 'status implemented without any decision file, no access.yml',
      specs: { 'login.md': login('implemented') },
      errors: [{ message: 'Status is "implemented", but the spec has no valid approval (quorum 1)', line: 4, column: 1 }],
    },
    {
      name: 'an approval claimed in front matter is not trusted',
      specs: { 'login.md': login('approved', ['approved_by: [bob@example.com]', 'reviewers: [bob@example.com]']) },
      files: base,
      errors: [{ message: 'no valid approval', line: 4, column: 1 }],
    },
    {
      name: 'quorum 2 with one approval',
      specs: { 'login.md': approved },
      files: { ...quorum2, ...recordFiles(by(p.bob)) },
      errors: [{ message: 'fewer valid approvals than its quorum (1 of 2: bob@example.com)', line: 4, column: 1 }],
    },
    {
      name: 'quorum 2 with the same reviewer approving twice',
      specs: { 'login.md': approved },
      files: { ...quorum2, ...recordFiles(by(p.bob), by(p.bob, { reason: 'really' })) },
      errors: [{ message: '(1 of 2: bob@example.com)', line: 4, column: 1 }],
    },
    {
      name: 'quorum 2: the same reviewer signing with two listed keys is still one person',
      specs: { 'login.md': approved },
      files: { ...quorum2, '.sdd/allowed_signers': signers + allowedSigners(bobLaptop), ...recordFiles(by(p.bob), by(bobLaptop)) },
      errors: [{ message: '(1 of 2: bob@example.com)', line: 4, column: 1 }],
    },
    {
      name: 'a self-approval by the owner does not count',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.ada)) },
      errors: [{ message: 'no valid approval (quorum 1)', line: 4, column: 1 }],
    },
    {
      name: 'an approval by a contributor does not count',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.dan)) },
      errors: [{ message: 'no valid approval', line: 4, column: 1 }],
    },
    {
      name: 'an approval whose signature does not verify does not count',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles({ ...by(p.bob), reason: 'edited after signing' }) },
      errors: [{ message: 'no valid approval', line: 4, column: 1 }],
    },
    {
      name: 'an approval signed by a key not in allowed_signers does not count',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(signed(record({ of: approved }), p.mallory)) },
      errors: [{ message: 'no valid approval', line: 4, column: 1 }],
    },
    {
      name: 'an unsigned approval while signatures are required does not count',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(unsigned(record({ of: approved }))) },
      errors: [{ message: 'no valid approval', line: 4, column: 1 }],
    },
    {
      name: 'a review request is not an approval',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.ada, { decision: 'review_requested', reviewers: ['bob@example.com'] })) },
      errors: [{ message: 'no valid approval (quorum 1)', line: 4, column: 1 }],
    },
    {
      name: 'a rejection after an approval by the same reviewer cancels it',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.bob), by(p.bob, { decision: 'rejected', reason: 'REQ-001 is vague' })) },
      errors: [{ message: 'Status is "approved", but bob@example.com rejected the current content', line: 4, column: 1 }],
    },
    {
      name: 'a forged approval after a genuine rejection does not undo it',
      specs: { 'login.md': approved },
      files: { ...base, ...recordFiles(by(p.bob, { decision: 'rejected', reason: 'REQ-001 is vague' }), { ...by(p.bob), reason: 'edited after signing' }) },
      errors: [{ message: 'bob@example.com rejected the current content', line: 4, column: 1 }],
    },
    {
      name: 'quorum 2: one approval and one rejection',
      specs: { 'login.md': approved },
      files: { ...quorum2, ...recordFiles(by(p.bob), by(p.carol, { decision: 'rejected', reason: 'no' })) },
      errors: [{ message: 'carol@example.com rejected the current content (1 of 2: bob@example.com)', line: 4, column: 1 }],
    },
    {
      name: 'a YAML spec, at its status line',
      specs: { 'login.yaml': 'id: login\ntitle: Login\ndomain: core\nstatus: approved\n' },
      files: base,
      errors: [{ message: 'no valid approval', line: 4, column: 1 }],
    },
  ],
});

it('approval-missing: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'login.md': approved }, files: base },
  { specs: { 'login.md': md(['id: login', 'title: Login', 'tags: [auth]', 'status: approved', 'domain: core', 'owner: ada@example.com'], body) }, files: base }));
