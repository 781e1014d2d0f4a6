import { it } from 'node:test';
import assert from 'node:assert/strict';
import { testRule, md, runRule } from '../../helpers/rules.js';

const id = 'no-placeholders';
const approved = ['id: a', 'title: A', 'status: approved'];

/** 1-based column of `needle` in `line`. */
const col = (line: string, needle: string) => line.indexOf(needle) + 1;
const tbdLine = '- **REQ-001** Tokens MUST expire after TBD minutes.';

testRule(id, {
  valid: [
    { name: 'a draft may hold placeholders', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft'], ['TODO: everything']) } },
    { name: 'a review spec too', specs: { 'a.md': md(['id: a', 'title: A', 'status: review'], ['TBD']) } },
    { name: 'a deprecated spec too', specs: { 'a.md': md(['id: a', 'title: A', 'status: deprecated'], ['FIXME']) } },
    { name: 'an approved spec without placeholders', specs: { 'a.md': md(approved, ['# A', '', '- **REQ-001** Tokens MUST expire after 30 minutes.']) } },
    { name: 'fenced code is skipped', specs: { 'a.md': md(approved, ['```js', '// TODO: part of an example', '```', '~~~', 'XXX', '~~~']) } },
    { name: 'inline code is skipped', specs: { 'a.md': md(approved, ['Grep for `TODO` and ``FIXME`` markers.']) } },
    { name: 'words that only contain a placeholder', specs: { 'a.md': md(approved, ['Mastodon todos and TBDs, XXXL shirts.']) } },
    { name: 'an ellipsis inside a sentence', specs: { 'a.md': md(approved, ['It waits… and then retries...']) } },
    { name: 'ordinary ellipses, alone on a line or in a list', specs: { 'a.md': md(approved, ['Steps:', '', '1. start', '...', '- …', '', '...', '  …  ']) } },
    { name: 'indented code is skipped', specs: { 'a.md': md(approved, ['Example:', '', '    TODO: in an indented block', '    {{owner}}', '', 'Prose.']) } },
    { name: 'a fence inside a list item is skipped', specs: { 'a.md': md(approved, ['- Call it:', '', '    ```js', '    // TODO part of the example', '    ```']) } },
    { name: 'indented code inside a list item is skipped', specs: { 'a.md': md(approved, ['1. Run:', '', '       FIXME in the sample output', '', '   Then go on.']) } },
    { name: 'the title and front matter are not checked', specs: { 'a.md': md(['id: a', 'title: TODO', 'status: approved']) } },
    { name: 'option statuses: approved specs no longer checked', options: { statuses: ['review'] }, specs: { 'a.md': md(approved, ['TODO']) } },
    { name: 'option patterns replaces the default list', options: { patterns: ['\\bWIP\\b'] }, specs: { 'a.md': md(approved, ['TODO']) } },
  ],
  invalid: [
    {
      name: 'option patterns can flag lone ellipses again',
      options: { patterns: ['^\\s*(?:…|\\.\\.\\.)\\s*$'] },
      specs: { 'a.md': md(approved, ['…', 'It waits...']) },
      errors: [{ message: '"…"', line: 6, column: 1 }],
    },
    {
      name: 'TBD in a requirement, at its line and column',
      specs: { 'a.md': md(approved, ['# A', '', tbdLine]) },
      errors: [{ message: 'Placeholder "TBD" in a spec with status "approved"', line: 8, column: col(tbdLine, 'TBD'), severity: 'error' }],
    },
    {
      name: 'two placeholders on one line',
      specs: { 'a.md': md(approved, ['TODO: fill me in']) },
      errors: [
        { message: '"TODO"', line: 6, column: 1 },
        { message: '"fill me in"', line: 6, column: 7 },
      ],
    },
    {
      name: 'case-insensitive, and every default pattern (lone ellipses are not among them)',
      specs: { 'a.md': md(approved, ['a todo here', 'FixMe', 'xxx', 'Lorem ipsum dolor', '…', '  ...  ', 'Owner: {{owner}}', 'Fill this in later']) },
      errors: [
        { message: '"todo"', line: 6, column: 3 },
        { message: '"FixMe"', line: 7, column: 1 },
        { message: '"xxx"', line: 8, column: 1 },
        { message: '"Lorem ipsum"', line: 9, column: 1 },
        { message: '"{{owner}}"', line: 12, column: 8 },
        { message: '"Fill this in"', line: 13, column: 1 },
      ],
    },
    {
      name: 'an implemented spec, after a fenced block',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: implemented'], ['```', 'TODO', '```', 'TODO']) },
      errors: [{ message: 'status "implemented"', line: 9, column: 1 }],
    },
    {
      name: 'the same placeholder on identical lines gets distinct fingerprints',
      specs: { 'a.md': md(approved, ['- TBD', '- TBD']) },
      errors: [
        { message: '"TBD"', line: 6, column: 3 },
        { message: '"TBD"', line: 7, column: 3 },
      ],
    },
    {
      name: 'a YAML spec: body lines without a column, requirement texts at their key',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: approved\nbody: |\n  # A\n  TODO write this\nrequirements:\n  - id: R-1\n    text: It MUST expire after TBD minutes.\n' },
      errors: [
        { message: '"TODO"', line: 6, column: null },
        { message: '"TBD"', line: 9, column: 5 },
      ],
    },
    {
      name: 'option statuses',
      options: { statuses: ['review'] },
      specs: { 'a.md': md(['id: a', 'title: A', 'status: review'], ['TODO']) },
      errors: [{ message: 'status "review"', line: 6, column: 1 }],
    },
    {
      name: 'option patterns',
      options: { patterns: ['\\bWIP\\b', 'to be written'] },
      specs: { 'a.md': md(approved, ['TODO', 'wip: to be written']) },
      errors: [
        { message: '"wip"', line: 7, column: 1 },
        { message: '"to be written"', line: 7, column: 6 },
      ],
    },
    {
      name: 'an invalid pattern is reported at its line in the config; the others still apply',
      config: 'version: 1\nrules:\n  no-placeholders:\n    options:\n      patterns:\n        - "\\\\bWIP\\\\b"\n        - "(unclosed"\n',
      specs: { 'a.md': md(approved, ['WIP']) },
      errors: [
        { message: 'Option `patterns.1` of rule `no-placeholders` is not a valid regular expression', line: 7, column: 11, file: '.sdd/config.yaml' },
        { message: '"WIP"', line: 6, column: 1, file: '.sdd/specs/a.md' },
      ],
    },
    {
      name: 'an unknown status in option statuses is a config error',
      config: 'version: 1\nrules:\n  no-placeholders:\n    options:\n      statuses: [aproved]\n',
      specs: { 'a.md': md(approved, ['Fine.']) },
      errors: [{ ruleId: 'config-schema', message: '`statuses.0` must be equal to one of the allowed values', line: 5, column: 18 }],
    },
  ],
});

it('no-placeholders: a finding keeps its fingerprint when lines above it move', async () => {
  const before = await runRule(id, { specs: { 'a.md': md(approved, ['TBD']) } });
  const after = await runRule(id, { specs: { 'a.md': md([...approved, 'owner: ana@example.com', 'domain: auth'], ['# A', '', 'TBD']) } });
  assert.equal(before.length, 1);
  assert.equal(after.length, 1);
  assert.notEqual(before[0].line, after[0].line);
  assert.equal(before[0].fingerprint, after[0].fingerprint);
});
