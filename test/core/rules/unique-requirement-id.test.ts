import { testRule, md } from '../../helpers/rules.js';

const id = 'unique-requirement-id';
const front = ['id: a', 'title: A', 'status: draft'];

// @sdd validation/VAL-006
testRule(id, {
  valid: [
    { name: 'distinct ids', specs: { 'a.md': md(front, ['- **REQ-001** It MUST a.', '- **REQ-002** It MUST b.']) } },
    { name: 'other specs may reuse ids', specs: { 'a.md': md(front, ['- REQ-001 It MUST a.']), 'b.md': md(['id: b', 'title: B', 'status: draft'], ['- REQ-001 It MUST b.']) } },
    { name: 'ids in fenced code do not count', specs: { 'a.md': md(front, ['- REQ-001 It MUST a.', '```', '- REQ-001 Example.', '```']) } },
  ],
  invalid: [
    {
      name: 'a markdown spec, at the second occurrence',
      specs: { 'a.md': md(front, ['# A', '', '- **REQ-001** It MUST a.', '- **REQ-002** It MUST b.', '- **REQ-001** It MUST c.']) },
      errors: [{ message: 'Requirement REQ-001 is defined twice (first at line 8)', line: 10, column: 5, severity: 'error' }],
    },
    {
      name: 'a YAML requirements list',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: One.\n  - id: R-1\n    text: Two.\n' },
      errors: [{ message: 'R-1 is defined twice (first at line 5)', line: 7, column: 1 }],
    },
    {
      name: 'three uses, two findings',
      specs: { 'a.md': md(front, ['- REQ-1 a', '- REQ-1 b', '- REQ-1 c']) },
      errors: [
        { message: 'first at line 6', line: 7, column: 3 },
        { message: 'first at line 6', line: 8, column: 3 },
      ],
    },
  ],
});
