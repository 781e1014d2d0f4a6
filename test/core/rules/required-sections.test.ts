import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'required-sections';
const front = ['id: a', 'title: A', 'status: draft'];
const adr = ['id: a', 'title: A', 'kind: adr', 'status: draft'];

testRule(id, {
  valid: [
    { name: 'a spec with a Requirements section', specs: { 'a.md': md(front, ['# A', '', '## Requirements', '', '- **REQ-001** It MUST work.']) } },
    { name: 'case, a colon and a deeper level do not matter', specs: { 'a.md': md(front, ['# A', '', '### requirements:', '']) } },
    { name: 'numbered headings', specs: { 'a.md': md(front, ['## 2. Requirements']) } },
    { name: 'closing hashes', specs: { 'a.md': md(front, ['## Requirements ##']) } },
    { name: 'an ADR with its three sections', specs: { 'a.md': md(adr, ['## Context', 'x', '## Decision', 'y', '## Consequences', 'z']) } },
    { name: 'a plan requires nothing by default', specs: { 'a.md': md(['id: a', 'title: A', 'kind: plan', 'status: draft'], ['# A']) } },
    { name: 'a kind of one\'s own requires nothing', specs: { 'a.md': md(['id: a', 'title: A', 'kind: rfc', 'status: draft'], ['# A']) } },
    { name: 'a YAML spec with a requirements key', specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: It MUST work.\n' } },
    { name: 'a YAML spec with the heading in its body', specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nbody: |\n  ## Requirements\n  None yet.\n' } },
    { name: 'option sections can require nothing of a spec', options: { sections: { spec: [] } }, specs: { 'a.md': md(front, ['# A']) } },
    { name: 'option ignore skips a folder of older documents', options: { ignore: ['.sdd/specs/legacy/**'] }, specs: { 'legacy/a.md': md(front, ['# A']) } },
  ],
  invalid: [
    {
      name: 'a spec without Requirements, reported at id when kind is not written',
      specs: { 'a.md': md(front, ['# A', '', '## Context']) },
      errors: [{ message: 'A spec of kind "spec" needs a "## Requirements" section, which is missing (a section of sdd\'s spec template)', line: 2, column: 1, severity: 'warn' }],
    },
    {
      name: 'a heading inside fenced code does not count',
      specs: { 'a.md': md(['title: A', 'id: a', 'status: draft'], ['# A', '', '```markdown', '## Requirements', '```']) },
      errors: [{ message: '"## Requirements"', line: 3, column: 1 }],
    },
    {
      name: 'a level-1 heading does not count',
      specs: { 'a.md': md(front, ['# Requirements']) },
      errors: [{ message: '"## Requirements"', line: 2, column: 1 }],
    },
    {
      name: 'a word in a paragraph does not count',
      specs: { 'a.md': md(front, ['Requirements are below.', '## Requirement']) },
      errors: [{ message: '"## Requirements"', line: 2, column: 1 }],
    },
    {
      name: 'an ADR missing two sections, reported at kind',
      specs: { 'a.md': md(adr, ['## Context', 'x']) },
      errors: [
        { message: 'kind "adr" needs a "## Consequences" section', line: 4, column: 1 },
        { message: 'kind "adr" needs a "## Decision" section', line: 4, column: 1 },
      ],
    },
    {
      name: 'a YAML ADR',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nkind: adr\nbody: |\n  ## Context\n  ## Decision\n' },
      errors: [{ message: '"## Consequences"', line: 4, column: 1 }],
    },
    {
      name: 'option sections adds a required section',
      options: { sections: { spec: ['Context', 'Requirements'] } },
      specs: { 'a.md': md(front, ['## Requirements']) },
      errors: [{ message: '"## Context"', line: 2, column: 1 }],
    },
    {
      name: 'option sections can require sections of a custom kind',
      options: { sections: { rfc: ['Motivation'] } },
      specs: { 'a.md': md(['id: a', 'title: A', 'kind: rfc', 'status: draft'], ['## Requirements']) },
      errors: [{ message: 'kind "rfc" needs a "## Motivation" section', line: 4, column: 1 }],
    },
    {
      name: 'a section list that is not a list is a config error',
      config: 'version: 1\nrules:\n  required-sections:\n    options:\n      sections: { spec: Requirements }\n',
      specs: { 'a.md': md(front, ['## Requirements']) },
      errors: [{ ruleId: 'config-schema', message: '`sections.spec` must be array', line: 5, column: 19 }],
    },
  ],
});

it('required-sections: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'a.md': md(adr, ['## Context']) } },
  { specs: { 'a.md': md(['id: a', 'title: A', 'tags: [x]', 'kind: adr', 'status: draft'], ['## Context']) } }));
