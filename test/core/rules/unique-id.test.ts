import { testRule, md } from '../../helpers/rules.js';

const id = 'unique-id';

// @sdd validation/VAL-003
testRule(id, {
  valid: [
    { name: 'distinct ids', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']), 'b.yaml': 'id: b\ntitle: B\nstatus: draft\n' } },
    { name: 'one spec', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']) } },
    { name: 'specs without ids are spec-schema\'s business', specs: { 'a.md': md(['title: A', 'status: draft']), 'b.md': md(['title: B', 'status: draft']) } },
  ],
  invalid: [
    {
      name: 'two files, each reported at its id naming the other',
      specs: { 'a.md': md(['id: same', 'title: A', 'status: draft']), 'nested/b.yaml': 'title: B\nstatus: draft\nid: same\n' },
      errors: [
        { message: 'Duplicate spec id "same": also used by .sdd/specs/nested/b.yaml', line: 2, column: 1, file: '.sdd/specs/a.md', severity: 'error' },
        { message: 'Duplicate spec id "same": also used by .sdd/specs/a.md', line: 3, column: 1, file: '.sdd/specs/nested/b.yaml' },
      ],
    },
    {
      name: 'three files',
      specs: { 'a.md': md(['id: x', 'title: A', 'status: draft']), 'b.md': md(['id: x', 'title: B', 'status: draft']), 'c.md': md(['title: C', 'id: x', 'status: draft']) },
      errors: [
        { message: 'also used by .sdd/specs/b.md, .sdd/specs/c.md', line: 2, column: 1, file: '.sdd/specs/a.md' },
        { message: 'also used by .sdd/specs/a.md, .sdd/specs/c.md', line: 2, column: 1, file: '.sdd/specs/b.md' },
        { message: 'also used by .sdd/specs/a.md, .sdd/specs/b.md', line: 3, column: 1, file: '.sdd/specs/c.md' },
      ],
    },
    {
      name: 'severity warn',
      severity: 'warn',
      specs: { 'a.md': md(['id: x', 'title: A', 'status: draft']), 'b.md': md(['id: x', 'title: B', 'status: draft']) },
      errors: [
        { message: '"x"', line: 2, column: 1, file: '.sdd/specs/a.md', severity: 'warn' },
        { message: '"x"', line: 2, column: 1, file: '.sdd/specs/b.md', severity: 'warn' },
      ],
    },
  ],
});
