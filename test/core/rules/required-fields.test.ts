import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'required-fields';

testRule(id, {
  valid: [
    { name: 'a draft needs only the schema fields', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']) } },
    { name: 'a review spec with an owner', specs: { 'a.md': md(['id: a', 'title: A', 'status: review', 'owner: ana@example.com']) } },
    { name: 'an approved spec with owner and domain', specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'owner: ana@example.com', 'domain: auth']) } },
    { name: 'an implemented spec with owner and domain', specs: { 'a.md': md(['id: a', 'title: A', 'status: implemented', 'domain: auth', 'owner: ana@example.com']) } },
    { name: 'a deprecated spec needs nothing by default', specs: { 'a.md': md(['id: a', 'title: A', 'status: deprecated']) } },
    { name: 'an unknown status is spec-schema\'s business', specs: { 'a.md': md(['id: a', 'title: A', 'status: nope']) } },
    { name: 'a YAML spec with the fields', specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: approved\nowner: ana@example.com\ndomain: auth\n' } },
    { name: 'option fields replaces the default map', options: { fields: { approved: ['owner'] } }, specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'owner: ana@example.com']) } },
    { name: 'a list field that is filled', options: { fields: { review: ['reviewers'] } }, specs: { 'a.md': md(['id: a', 'title: A', 'status: review', 'reviewers: [bo]']) } },
    { name: 'severity off silences the rule', severity: 'off', specs: { 'a.md': md(['id: a', 'title: A', 'status: review']) } },
  ],
  invalid: [
    {
      name: 'a review spec without an owner, reported at status',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: review']) },
      errors: [{ message: 'A spec with status "review" needs `owner`, which is missing', line: 4, column: 1, severity: 'error' }],
    },
    {
      name: 'an approved spec missing two fields: one finding each',
      specs: { 'a.md': md(['id: a', 'title: A', 'tags: [x]', 'status: approved']) },
      errors: [
        { message: 'needs `domain`', line: 5, column: 1 },
        { message: 'needs `owner`', line: 5, column: 1 },
      ],
    },
    {
      name: 'blank values count as missing',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: implemented', 'owner: ""', 'domain:']) },
      errors: [
        { message: '`domain`, which is empty', line: 4, column: 1 },
        { message: '`owner`, which is empty', line: 4, column: 1 },
      ],
    },
    {
      name: 'a YAML spec',
      specs: { 'a.yaml': 'id: a\ntitle: A\nowner: ana@example.com\nstatus: approved\n' },
      errors: [{ message: 'needs `domain`', line: 4, column: 1 }],
    },
    {
      name: 'option fields can require fields of drafts',
      options: { fields: { draft: ['owner'] } },
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']) },
      errors: [{ message: 'status "draft" needs `owner`', line: 4, column: 1 }],
    },
    {
      name: 'an empty list is missing',
      options: { fields: { review: ['reviewers'] } },
      specs: { 'a.md': md(['id: a', 'title: A', 'status: review', 'reviewers: []']) },
      errors: [{ message: 'needs `reviewers`, which is empty', line: 4, column: 1 }],
    },
    {
      name: 'severity warn is applied',
      severity: 'warn',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: review']) },
      errors: [{ message: 'needs `owner`', line: 4, column: 1, severity: 'warn' }],
    },
    {
      name: 'a misspelt status in the options is a config error, and the defaults still apply',
      config: 'version: 1\nrules:\n  required-fields:\n    options:\n      fields:\n        aproved: [owner]\n',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: review']) },
      errors: [
        { ruleId: 'config-schema', message: 'Option of rule `required-fields`: `fields` must NOT have additional properties `aproved`', line: 6, column: 9 },
        { message: 'needs `owner`', line: 4, column: 1, file: '.sdd/specs/a.md' },
      ],
    },
    {
      name: 'a field list that is not a list is a config error',
      config: 'version: 1\nrules:\n  required-fields:\n    options:\n      fields:\n        review: owner\n',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']) },
      errors: [{ ruleId: 'config-schema', message: '`fields.review` must be array', line: 6, column: 9 }],
    },
  ],
});

it('required-fields: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'a.md': md(['id: a', 'title: A', 'status: approved']) } },
  { specs: { 'a.md': md(['# a comment', 'id: a', 'title: A', 'tags: [x]', 'status: approved']) } }));
