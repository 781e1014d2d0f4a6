import { testRule, md } from '../../helpers/rules.js';

const id = 'spec-schema';

// @sdd validation/VAL-002
testRule(id, {
  valid: [
    { name: 'the required fields', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']) } },
    {
      name: 'every known field',
      specs: { 'a.md': md(['id: user-login', 'title: User login', 'status: approved', 'kind: spec', 'phase: 2', 'domain: auth', 'owner: ana@example.com', 'tags: [security]', 'depends_on: [b]', 'reviewers: [bo]', 'code: ["src/**"]', 'created: 2024-05-17', 'updated: "2024-05-18"', 'constitution_version: "1.0.0"']) },
    },
    { name: 'unknown keys are kept', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'jira: AUTH-1']) } },
    { name: 'a YAML spec with requirements', specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: It MUST work.\n' } },
  ],
  invalid: [
    {
      name: 'a missing required field, at the start of the front matter',
      specs: { 'a.md': md(['id: a', 'status: draft']) },
      errors: [{ message: 'Missing required field `title`', line: 2, column: 1, severity: 'error' }],
    },
    {
      name: 'an unknown status, at the key',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: nope']) },
      errors: [{ message: '`status` is "nope", which is not one of: draft, review, approved, implemented, deprecated', line: 4, column: 1 }],
    },
    {
      name: 'an id that is not a slug',
      specs: { 'a.md': md(['title: A', 'id: User Login', 'status: draft']) },
      errors: [{ message: '`id` is "User Login", which is not a slug', line: 3, column: 1 }],
    },
    {
      name: 'a list field written as a string',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'tags: security']) },
      errors: [{ message: '`tags` must be a list, not a string ("security")', line: 5, column: 1 }],
    },
    {
      name: 'a bad list item, at the item',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [ok, Not-OK]']) },
      errors: [{ message: '`depends_on[1]` is "Not-OK", which is not a slug', line: 5, column: 18 }],
    },
    {
      name: 'a YAML spec with a requirement missing its text',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n' },
      errors: [{ message: 'Missing required field `requirements[0].text`', line: 5, column: 5 }],
    },
  ],
});
