import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'requirement-id-format';
const front = ['id: a', 'title: A', 'status: draft'];

testRule(id, {
  valid: [
    { name: 'one prefix, numbered', specs: { 'a.md': md(front, ['- **REQ-001** It MUST a.', '- **REQ-002** It MUST b.']) } },
    { name: 'a prefix with several parts', specs: { 'a.md': md(front, ['- SEC-API-1 It MUST a.', '- SEC-API-2 It MUST b.']) } },
    { name: 'different specs may use different prefixes', specs: { 'a.md': md(front, ['- REQ-1 It MUST a.']), 'b.md': md(['id: b', 'title: B', 'status: draft'], ['- SEC-1 It MUST b.']) } },
    { name: 'mixed prefixes with single_prefix off', options: { single_prefix: false }, specs: { 'a.md': md(front, ['- REQ-1 It MUST a.', '- SEC-2 It MUST b.']) } },
    { name: 'a stricter pattern that the ids meet', options: { pattern: '^REQ-[0-9]{3}$' }, specs: { 'a.md': md(front, ['- REQ-001 It MUST a.']) } },
    { name: 'a YAML spec with well-formed ids', specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: It MUST a.\n  - id: R-2\n    text: It MUST b.\n' } },
  ],
  invalid: [
    {
      name: 'a requirement with another prefix, at its id',
      specs: { 'a.md': md(front, ['- **REQ-001** It MUST a.', '- **REQ-002** It MUST b.', '- **SEC-003** It MUST c.']) },
      errors: [{ message: 'Requirement SEC-003 uses the prefix "SEC", but this spec\'s requirements use "REQ"', line: 8, column: 5, severity: 'warn' }],
    },
    {
      name: 'the most common prefix wins, even when it comes second',
      specs: { 'a.md': md(front, ['- SEC-001 It MUST a.', '- REQ-002 It MUST b.', '- REQ-003 It MUST c.']) },
      errors: [{ message: 'SEC-001 uses the prefix "SEC"', line: 6, column: 3 }],
    },
    {
      name: 'on a tie the first prefix wins',
      specs: { 'a.md': md(front, ['- A-1 It MUST a.', '- B-2 It MUST b.']) },
      errors: [{ message: 'B-2 uses the prefix "B", but this spec\'s requirements use "A"', line: 7, column: 3 }],
    },
    {
      name: 'a YAML id that does not match the default pattern',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: req_1\n    text: It MUST a.\n' },
      errors: [{ message: 'Requirement id "req_1" does not match the pattern ^[A-Z][A-Z0-9]*-[0-9]+$', line: 5, column: 1 }],
    },
    {
      name: 'option pattern: three-digit numbers',
      options: { pattern: '^[A-Z]+-[0-9]{3}$' },
      specs: { 'a.md': md(front, ['- **REQ-001** It MUST a.', '- **REQ-2** It MUST b.']) },
      errors: [{ message: 'Requirement id "REQ-2" does not match the pattern ^[A-Z]+-[0-9]{3}$', line: 7, column: 5 }],
    },
    {
      name: 'an id can break both the pattern and the prefix',
      options: { pattern: '^REQ-[0-9]+$' },
      specs: { 'a.md': md(front, ['- REQ-1 It MUST a.', '- REQ-2 It MUST b.', '- SEC-3 It MUST c.']) },
      errors: [
        { message: 'Requirement SEC-3 uses the prefix "SEC"', line: 8, column: 3 },
        { message: 'Requirement id "SEC-3" does not match the pattern', line: 8, column: 3 },
      ],
    },
    {
      name: 'an invalid regular expression is reported at its line in the config; the prefix check still runs',
      config: 'version: 1\nrules:\n  requirement-id-format:\n    options:\n      pattern: "[A-Z"\n',
      specs: { 'a.md': md(front, ['- REQ-1 It MUST a.', '- SEC-2 It MUST b.']) },
      errors: [
        { message: 'Option `pattern` of rule `requirement-id-format` is not a valid regular expression', line: 5, column: 7, file: '.sdd/config.yaml' },
        { message: 'uses the prefix "SEC"', line: 7, column: 3, file: '.sdd/specs/a.md' },
      ],
    },
    {
      name: 'a single_prefix that is not a boolean is a config error',
      config: 'version: 1\nrules:\n  requirement-id-format:\n    options:\n      single_prefix: "yes"\n',
      specs: { 'a.md': md(front, ['- REQ-1 It MUST a.']) },
      errors: [{ ruleId: 'config-schema', message: '`single_prefix` must be boolean', line: 5, column: 7 }],
    },
  ],
});

it('requirement-id-format: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'a.md': md(front, ['- REQ-1 It MUST a.', '- REQ-2 It MUST b.', '- SEC-3 It MUST c.']) } },
  { specs: { 'a.md': md(front, ['# A', '', '- REQ-1 It MUST a.', '- REQ-2 It MUST b.', '- SEC-3 It MUST c.']) } }));
