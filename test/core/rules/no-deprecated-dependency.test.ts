import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'no-deprecated-dependency';
const old = md(['id: old', 'title: Old', 'status: deprecated']);
const current = md(['id: current', 'title: Current', 'status: approved']);

testRule(id, {
  valid: [
    { name: 'a dependency that is not deprecated', specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'depends_on: [current]']), 'current.md': current } },
    { name: 'a deprecated spec may depend on a deprecated spec', specs: { 'a.md': md(['id: a', 'title: A', 'status: deprecated', 'depends_on: [old]']), 'old.md': old } },
    { name: 'a dangling dependency is another rule\'s business', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [ghost]']) } },
    {
      name: 'a duplicated id where one copy is not deprecated',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [old]']), 'old.md': old, 'old2.md': md(['id: old', 'title: Old 2', 'status: draft']) },
    },
    { name: 'severity off', severity: 'off', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [old]']), 'old.md': old } },
  ],
  invalid: [
    {
      name: 'a flow-list item, at the item',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'depends_on: [current, old]']), 'current.md': current, 'old.md': old },
      errors: [{ message: 'depends_on names "old", which is deprecated', line: 5, column: 23, file: '.sdd/specs/a.md', severity: 'warn' }],
    },
    {
      name: 'a block-list item, at the item',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on:', '  - current', '  - old']), 'current.md': current, 'old.md': old },
      errors: [{ message: '"old"', line: 7, column: 5, file: '.sdd/specs/a.md' }],
    },
    {
      name: 'a lone string, at the key',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: old']), 'old.md': old },
      errors: [{ message: '"old"', line: 5, column: 1, file: '.sdd/specs/a.md' }],
    },
    {
      name: 'a YAML spec',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: review\ndepends_on:\n  - old\n', 'old.md': old },
      errors: [{ message: '"old"', line: 5, column: 5, file: '.sdd/specs/a.yaml' }],
    },
    {
      name: 'every spec that depends on it',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [old]']), 'b.md': md(['id: b', 'title: B', 'status: draft', 'depends_on: [old]']), 'old.md': old },
      errors: [
        { message: '"old"', line: 5, column: 14, file: '.sdd/specs/a.md' },
        { message: '"old"', line: 5, column: 14, file: '.sdd/specs/b.md' },
      ],
    },
    {
      name: 'options are a config error: the rule has none',
      config: 'version: 1\nrules:\n  no-deprecated-dependency: { severity: warn, options: {} }\n',
      specs: { 'a.md': current },
      errors: [{ ruleId: 'config-schema', message: 'this rule takes no options', line: 3, column: 47 }],
    },
  ],
});

it('no-deprecated-dependency: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [old]']), 'old.md': old } },
  { specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'tags: [x]', 'depends_on: [current, old]']), 'old.md': old, 'current.md': current } }));
