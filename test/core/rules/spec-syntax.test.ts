import { testRule, md } from '../../helpers/rules.js';

const id = 'spec-syntax';

// @sdd validation/VAL-001
testRule(id, {
  valid: [
    { name: 'a markdown spec', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft'], ['# A']) } },
    { name: 'a YAML spec', specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\n' } },
    { name: 'a spec that parses but breaks the schema is spec-schema\'s business', specs: { 'a.md': md(['id: A B', 'status: 7']) } },
    { name: 'no specs at all', specs: {} },
  ],
  invalid: [
    {
      name: 'a markdown file without front matter',
      specs: { 'notes.md': '# Notes\n\nJust text.\n' },
      errors: [{ message: 'The spec has no YAML front matter', line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'malformed YAML in front matter, at the line of the problem',
      specs: { 'a.md': '---\nid: a\ntitle: Login: v2\nstatus: draft\n---\n' },
      errors: [{ message: 'Malformed YAML in front matter', line: 3, column: 13 }],
    },
    {
      name: 'front matter that is a list',
      specs: { 'a.md': '---\n- a\n- b\n---\n' },
      errors: [{ message: 'The front matter is not a mapping of keys to values', line: 2, column: 1 }],
    },
    {
      name: 'malformed YAML in a YAML spec',
      specs: { 'a.yaml': 'id: a\ntitle: A\n  status: draft\n' },
      errors: [{ message: 'Malformed YAML', line: 3, column: 9 }],
    },
    {
      name: 'a YAML spec that is a list',
      specs: { 'a.yaml': '- id: a\n' },
      errors: [{ message: 'The spec is not a mapping of keys to values', line: 1, column: 1 }],
    },
    {
      name: 'every broken file, each once',
      specs: { 'a.md': 'no front matter\n', 'b.md': '---\n- x\n---\n', 'c.md': md(['id: c', 'title: C', 'status: draft']) },
      errors: [
        { message: 'no YAML front matter', line: 1, column: 1, file: '.sdd/specs/a.md' },
        { message: 'not a mapping', line: 2, column: 1, file: '.sdd/specs/b.md' },
      ],
    },
  ],
});
