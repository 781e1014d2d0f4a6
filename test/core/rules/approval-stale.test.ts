import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';
import { ACCESS, allowedSigners, people, record, recordFiles, signed } from '../../helpers/governance.js';

const id = 'approval-stale';
const p = people();
const base = { '.sdd/access.yml': ACCESS, '.sdd/allowed_signers': allowedSigners(p.bob, p.carol, p.dan) };
const quorum2 = { ...base, '.sdd/access.yml': ACCESS.replace('    contributors:', '    quorum: 2\n    contributors:') };
const front = (status: string, extra: string[] = []) => ['id: login', 'title: Login', `status: ${status}`, 'domain: core', 'owner: ada@example.com', ...extra];
const body = ['# Login', '', '- **REQ-001** The system MUST log users in', '  with a password.'];
const reviewed = md(front('review'), body);
const approved = md(front('approved'), body);
const edited = md(front('approved'), [...body, '- **REQ-002** The system MUST lock an account after five failures.']);
const by = (s: typeof p.bob, of = reviewed, extra: Parameters<typeof record>[0] = {}) => signed(record({ of, principal: s.email, ...extra }), s);

// @sdd approvals/GOV-005
testRule(id, {
  valid: [
    { name: 'the approval covers the current content', specs: { 'login.md': approved }, files: { ...base, ...recordFiles(by(p.bob)) } },
    { name: 'status, owner and tag changes keep the approval', specs: { 'login.md': md(front('implemented', ['tags: [auth]']).map((l) => l.replace('ada@', 'zoe@')), body) }, files: { ...base, ...recordFiles(by(p.bob)) } },
    {
      name: 'a whitespace-only reformat of the body keeps the approval',
      specs: { 'login.md': md(front('approved'), ['# Login', '', '', '- **REQ-001**   The system MUST log users in with', '      a password.   ', '']) },
      files: { ...base, ...recordFiles(by(p.bob)) },
    },
    { name: 'a stale approval and a newer one by the same reviewer', specs: { 'login.md': edited }, files: { ...base, ...recordFiles(by(p.bob), by(p.bob, edited)) } },
    { name: 'a stale approval, but another reviewer approved the current content', specs: { 'login.md': edited }, files: { ...base, ...recordFiles(by(p.bob), by(p.carol, edited)) } },
    { name: 'a spec in review with a stale approval', specs: { 'login.md': md(front('review'), [...body, 'More.']) }, files: { ...base, ...recordFiles(by(p.bob)) } },
    { name: 'no approval at all: approval-missing reports it', specs: { 'login.md': edited }, files: base },
    {
      name: 'a rejection of the current content: approval-missing reports it',
      specs: { 'login.md': edited },
      files: { ...base, ...recordFiles(by(p.bob), by(p.carol, edited, { decision: 'rejected', reason: 'too strict' })) },
    },
    { name: 'a stale approval that does not count (by a contributor)', specs: { 'login.md': edited }, files: { ...base, ...recordFiles(by(p.dan)) } },
    { name: 'severity off', severity: 'off', specs: { 'login.md': edited }, files: { ...base, ...recordFiles(by(p.bob)) } },
  ],
  invalid: [
    {
      name: 'the body changed after the approval',
      specs: { 'login.md': edited },
      files: { ...base, ...recordFiles(by(p.bob)) },
      errors: [{ message: 'The spec changed after it was approved by bob@example.com: 0 of 1 approval cover the current content', line: 4, column: 1, severity: 'error' }],
    },
    {
      name: 'one word of the body changed',
      specs: { 'login.md': md(front('approved'), body.map((l) => l.replace('password', 'passkey'))) },
      files: { ...base, ...recordFiles(by(p.bob)) },
      errors: [{ message: 'approved by bob@example.com', line: 4, column: 1 }],
    },
    {
      name: 'the title changed',
      specs: { 'login.md': md(front('approved').map((l) => l.replace('Login', 'Sign in')), body) },
      files: { ...base, ...recordFiles(by(p.bob)) },
      errors: [{ message: 'approved by bob@example.com', line: 4, column: 1 }],
    },
    {
      name: 'a dependency was added',
      specs: { 'login.md': md(front('approved', ['depends_on: [session]']), body), 'session.md': md(['id: session', 'title: Session', 'status: draft']) },
      files: { ...base, ...recordFiles(by(p.bob)) },
      errors: [{ message: 'approved by bob@example.com', line: 4, column: 1, file: '.sdd/specs/login.md' }],
    },
    {
      name: 'quorum 2: one current approval and one stale',
      specs: { 'login.md': edited },
      files: { ...quorum2, ...recordFiles(by(p.bob), by(p.carol, edited)) },
      errors: [{ message: 'approved by bob@example.com: 1 of 2 approvals cover the current content', line: 4, column: 1 }],
    },
    {
      name: 'two stale approvers are both named',
      specs: { 'login.md': edited },
      files: { ...quorum2, ...recordFiles(by(p.carol), by(p.bob)) },
      errors: [{ message: 'approved by bob@example.com, carol@example.com: 0 of 2 approvals', line: 4, column: 1 }],
    },
  ],
});

it('approval-stale: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'login.md': edited }, files: { ...base, ...recordFiles(by(p.bob)) } },
  { specs: { 'login.md': md(['# a comment', ...front('approved', ['tags: [x]'])], [...body, '- **REQ-002** The system MUST lock an account after five failures.']) }, files: { ...base, ...recordFiles(by(p.bob)) } }));
