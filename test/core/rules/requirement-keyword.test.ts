import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'requirement-keyword';
const front = ['id: a', 'title: A', 'status: draft'];

testRule(id, {
  valid: [
    {
      name: 'every keyword, including negations',
      specs: { 'a.md': md(front, ['- **REQ-001** It MUST a.', '- **REQ-002** It MUST NOT b.', '- **REQ-003** It SHOULD c.', '- **REQ-004** It MAY d.', '- **REQ-005** It is REQUIRED.', '- **REQ-006** It SHALL e.', '- **REQ-007** It is OPTIONAL.']) },
    },
    { name: 'a keyword on a continuation line', specs: { 'a.md': md(front, ['- **REQ-001** The service', '  MUST log in users.']) } },
    { name: 'a heading requirement with the keyword in its paragraph', specs: { 'a.md': md(front, ['### REQ-001 Sign-in', '', 'Users MUST sign in.']) } },
    { name: 'requirement-like lines in fenced code', specs: { 'a.md': md(front, ['```', '- REQ-001 It works.', '```']) } },
    { name: 'prose that is not a requirement', specs: { 'a.md': md(front, ['It works, see REQ-001.', '- A list item without an id.']) } },
    { name: 'a YAML requirement with a keyword', specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: It MUST work.\n' } },
    { name: 'severity off', severity: 'off', specs: { 'a.md': md(front, ['- REQ-001 It works.']) } },
  ],
  invalid: [
    {
      name: 'a list requirement without a keyword, at its id',
      specs: { 'a.md': md(front, ['# A', '', '- **REQ-001** The system logs in.']) },
      errors: [{ message: 'Requirement REQ-001 has no RFC 2119 keyword', line: 8, column: 5, severity: 'error' }],
    },
    {
      name: 'a lower-case keyword does not count, and the message says so',
      specs: { 'a.md': md(front, ['- REQ-002: Sessions must expire.']) },
      errors: [{ message: 'Requirement REQ-002 has no RFC 2119 keyword ("must" does not count: keywords are upper case)', line: 6, column: 3 }],
    },
    {
      name: 'a heading requirement',
      specs: { 'a.md': md(front, ['## Requirements', '', '### REQ-003 Sign-in', '', 'Users sign in.']) },
      errors: [{ message: 'REQ-003', line: 8, column: 5 }],
    },
    {
      name: 'only the requirements without a keyword',
      specs: { 'a.md': md(front, ['- **REQ-001** It MUST a.', '- **REQ-002** It does b.', '- **REQ-003** It MAY c.', '- **REQ-004** It does d.']) },
      errors: [
        { message: 'REQ-002', line: 7, column: 5 },
        { message: 'REQ-004', line: 9, column: 5 },
      ],
    },
    {
      name: 'a duplicated id gets a distinct fingerprint',
      specs: { 'a.md': md(front, ['- REQ-001 One.', '- REQ-001 Two.']) },
      errors: [
        { message: 'REQ-001', line: 6, column: 3 },
        { message: 'REQ-001', line: 7, column: 3 },
      ],
    },
    {
      name: 'a YAML requirement, at its id',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: It logs in.\n' },
      errors: [{ message: 'Requirement R-1', line: 5, column: 1 }],
    },
    {
      name: 'severity warn',
      severity: 'warn',
      specs: { 'a.md': md(front, ['- REQ-001 It works.']) },
      errors: [{ message: 'REQ-001', line: 6, column: 3, severity: 'warn' }],
    },
    {
      name: 'options are a config error: the rule has none',
      config: 'version: 1\nrules:\n  requirement-keyword:\n    severity: error\n    options: { strict: true }\n',
      specs: { 'a.md': md(front, ['- REQ-001 It MUST work.']) },
      errors: [{ ruleId: 'config-schema', message: 'this rule takes no options', line: 5, column: 5 }],
    },
  ],
});

it('requirement-keyword: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'a.md': md(front, ['- REQ-001 One.', '- REQ-002 Two.']) } },
  { specs: { 'a.md': md(front, ['# A', '', 'Intro.', '', '- REQ-001 One.', '- REQ-000 It MUST be first.', '- REQ-002 Two.']) } }));
