import { it } from 'node:test';
import assert from 'node:assert/strict';
import { testRule, md, runRule } from '../../helpers/rules.js';
import { ACCESS, UNSIGNED_CONFIG, allowedSigners, people, record, recordFiles, recordPath, signed, unsigned, type Signer } from '../../helpers/governance.js';
import type { DecisionRecord } from '../../../src/core/governance/record.js';

const id = 'approval-unauthorized';
const p = people();
const front = (extra: string[]) => ['id: login', 'title: Login', 'status: review', ...extra];
const body = ['# Login', '', '- **REQ-001** The system MUST log users in.'];
const login = md(front(['domain: core', 'owner: ada@example.com']), body);
const web = md(front(['domain: web', 'owner: ada@example.com']), body);
const noDomain = md(front(['owner: ada@example.com']), body);
const base = { '.sdd/access.yml': ACCESS, '.sdd/allowed_signers': allowedSigners(...Object.values(p)) };
const by = (s: Signer, of = login, extra: Parameters<typeof record>[0] = {}) => signed(record({ of, principal: s.email, ...extra }), s);
/** Line of `"principal"` in a serialised record. */
const at = (r: DecisionRecord) => ({ file: recordPath(r), line: 5, column: 1 });
const selfApproval = by(p.ada);
const selfRejection = by(p.ada, login, { decision: 'rejected', reason: 'changed my mind' });
const contributor = by(p.dan);
const outsider = by(p.mallory);
const otherDomain = by(p.wendy);
const claimsAdmin = by(p.dan, login, { role: 'org_admin' });
const reviewerNoDomain = by(p.bob, noDomain);
const ownerCased = md(front(['domain: core', 'owner: Ada@Example.com']), body);
const byAdaCased = by(p.ada, ownerCased);
const billing = md(front(['domain: billing']), body);
const bobBilling = by(p.bob, billing);
const carol = by(p.carol);
const bob = by(p.bob);
const unsignedSelf = unsigned(record({ of: login, principal: 'ada@example.com' }));
const ownerAdmin = by(p.olga, md(front(['domain: core', 'owner: olga@example.com']), body));

// @sdd approvals/GOV-004
testRule(id, {
  valid: [
    { name: 'a reviewer (through a team)', specs: { 'login.md': login }, files: { ...base, ...recordFiles(by(p.bob), by(p.carol)) } },
    { name: 'a domain admin', specs: { 'login.md': login }, files: { ...base, ...recordFiles(by(p.erin)) } },
    { name: 'an org admin, in any domain and for specs without one', specs: { 'login.md': login, 'other.md': noDomain.replace('id: login', 'id: other') }, files: { ...base, ...recordFiles(by(p.olga), by(p.olga, noDomain.replace('id: login', 'id: other'))) } },
    { name: 'a reviewer of the spec\'s own domain', specs: { 'login.md': web }, files: { ...base, ...recordFiles(by(p.wendy, web)) } },
    { name: 'a rejection by a reviewer', specs: { 'login.md': login }, files: { ...base, ...recordFiles(by(p.bob, login, { decision: 'rejected', reason: 'vague' })) } },
    { name: 'the owner may request a review', specs: { 'login.md': login }, files: { ...base, ...recordFiles(by(p.ada, login, { decision: 'review_requested', reviewers: ['bob@example.com'] })) } },
    { name: 'anyone may request a review', specs: { 'login.md': login }, files: { ...base, ...recordFiles(by(p.mallory, login, { decision: 'review_requested' })) } },
    { name: 'emails in access.yml match whatever their letter case', specs: { 'login.md': login }, files: { ...base, '.sdd/access.yml': ACCESS.replace('bob@example.com', 'Bob@Example.COM'), ...recordFiles(by(p.bob)) } },
    { name: 'a spec without an owner', specs: { 'login.md': md(front(['domain: core']), body) }, files: { ...base, ...recordFiles(by(p.bob)) } },
    { name: 'a forged decision is approval-bad-signature\'s business', specs: { 'login.md': login }, files: { ...base, ...recordFiles({ ...selfApproval, reason: 'edited' }) } },
    { name: 'an org admin\'s decision about a spec that is no longer there', specs: { 'login.md': login }, files: { ...base, ...recordFiles(by(p.olga, login, { spec: 'ghost' })) } },
    { name: 'severity off', severity: 'off', specs: { 'login.md': login }, files: { ...base, ...recordFiles(selfApproval) } },
  ],
  invalid: [
    {
      name: 'a self-approval by the owner',
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(selfApproval) },
      errors: [{ message: 'Decision does not count: ada@example.com owns the spec and cannot approve it', ...at(selfApproval), severity: 'error' }],
    },
    {
      name: 'a self-rejection by the owner',
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(selfRejection) },
      errors: [{ message: 'ada@example.com owns the spec and cannot reject it', ...at(selfRejection) }],
    },
    {
      name: 'the owner is a reviewer of the domain: still a self-approval',
      specs: { 'login.md': login }, files: { ...base, '.sdd/access.yml': ACCESS.replace('carol@example.com]', 'carol@example.com, ada@example.com]'), ...recordFiles(selfApproval) },
      errors: [{ message: 'ada@example.com owns the spec and cannot approve it', ...at(selfApproval) }],
    },
    {
      name: 'an org admin approving their own spec',
      specs: { 'login.md': md(front(['domain: core', 'owner: olga@example.com']), body) }, files: { ...base, ...recordFiles(ownerAdmin) },
      errors: [{ message: 'olga@example.com owns the spec and cannot approve it', ...at(ownerAdmin) }],
    },
    {
      name: 'the owner written in another letter case',
      specs: { 'login.md': ownerCased }, files: { ...base, ...recordFiles(byAdaCased) },
      errors: [{ message: 'ada@example.com owns the spec', ...at(byAdaCased) }],
    },
    {
      name: 'a contributor',
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(contributor) },
      errors: [{ message: 'Decision does not count: dan@example.com is a contributor for domain "core", and deciding needs reviewer rights', ...at(contributor) }],
    },
    {
      name: 'someone not in access.yml',
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(outsider) },
      errors: [{ message: 'mallory@example.com is a viewer for domain "core"', ...at(outsider) }],
    },
    {
      name: 'a reviewer of another domain',
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(otherDomain) },
      errors: [{ message: 'wendy@example.com is a viewer for domain "core"', ...at(otherDomain) }],
    },
    {
      name: 'the role claimed in the record is not trusted',
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(claimsAdmin) },
      errors: [{ message: 'dan@example.com is a contributor for domain "core"', ...at(claimsAdmin) }],
    },
    {
      name: 'a domain reviewer deciding on a spec without a domain',
      specs: { 'login.md': noDomain }, files: { ...base, ...recordFiles(reviewerNoDomain) },
      errors: [{ message: 'bob@example.com is a viewer for specs without a domain', ...at(reviewerNoDomain) }],
    },
    {
      name: 'a domain that access.yml does not mention',
      specs: { 'login.md': billing }, files: { ...base, ...recordFiles(bobBilling) },
      errors: [{ message: 'bob@example.com is a viewer for domain "billing"', ...at(bobBilling) }],
    },
    {
      name: 'a reviewer through a misspelt team gets no rights',
      specs: { 'login.md': login }, files: { ...base, '.sdd/access.yml': ACCESS.replace('reviewers: ["@core-reviewers"]', 'reviewers: ["@core-reviewer"]'), ...recordFiles(carol) },
      errors: [{ message: 'carol@example.com is a viewer for domain "core"', ...at(carol) }],
    },
    {
      name: 'no access.yml: nobody may decide',
      specs: { 'login.md': login }, files: { '.sdd/allowed_signers': base['.sdd/allowed_signers'], ...recordFiles(bob) },
      errors: [{ message: 'bob@example.com is a viewer for domain "core"', ...at(bob) }],
    },
    {
      name: 'an unsigned self-approval when signatures are not required',
      config: UNSIGNED_CONFIG,
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(unsignedSelf) },
      errors: [{ message: 'ada@example.com owns the spec and cannot approve it', ...at(unsignedSelf) }],
    },
    {
      name: 'two unauthorized decisions, two findings',
      specs: { 'login.md': login }, files: { ...base, ...recordFiles(selfApproval, contributor) },
      errors: [
        { message: 'ada@example.com owns the spec', ...at(selfApproval) },
        { message: 'dan@example.com is a contributor', ...at(contributor) },
      ].sort((a, b) => a.file.localeCompare(b.file)),
    },
  ],
});

it('approval-unauthorized: the finding moves with the principal line and keeps its fingerprint', async () => {
  const compact = { specs: { 'login.md': login }, files: { ...base, [recordPath(contributor)]: JSON.stringify(contributor) } };
  const [a] = await runRule(id, { specs: { 'login.md': login }, files: { ...base, ...recordFiles(contributor) } });
  const [b] = await runRule(id, compact);
  assert.deepEqual([a.line, b.line], [5, 1]);
  assert.equal(a.fingerprint, b.fingerprint);
});
