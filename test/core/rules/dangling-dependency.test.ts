import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testRule, md, runRule } from '../../helpers/rules.js';

const id = 'dangling-dependency';
const b = md(['id: b', 'title: B', 'status: draft']);

// @sdd validation/VAL-004
testRule(id, {
  valid: [
    { name: 'dependencies on existing specs', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [b]']), 'b.md': b } },
    { name: 'no dependencies', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: []']) } },
    { name: 'a dependency on a YAML spec', specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [c]']), 'c.yaml': 'id: c\ntitle: C\nstatus: draft\n' } },
  ],
  invalid: [
    {
      name: 'a flow-list item, at the item',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [b, ghost]']), 'b.md': b },
      errors: [{ message: 'depends_on names "ghost", but no spec has that id', line: 5, column: 17, file: '.sdd/specs/a.md', severity: 'error' }],
    },
    {
      name: 'a block-list item',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on:', '  - ghost']) },
      errors: [{ message: '"ghost"', line: 6, column: 5 }],
    },
    {
      name: 'a lone string, at the key',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: ghost']) },
      errors: [{ message: '"ghost"', line: 5, column: 1 }],
    },
    {
      name: 'two dangling entries',
      specs: { 'a.yaml': 'id: a\ntitle: A\nstatus: draft\ndepends_on: [ghost, phantom]\n' },
      errors: [
        { message: '"ghost"', line: 4, column: 14 },
        { message: '"phantom"', line: 4, column: 21 },
      ],
    },
  ],
});

describe('dangling-dependency suggests the id meant', () => {
  it('a misspelt id gets "Did you mean"; an unrelated one does not', async () => {
    const findings = await runRule(id, { specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'depends_on: [user-logn, zzzzzzzz]']), 'u.md': md(['id: user-login', 'title: U', 'status: draft']) } });
    const fix = (dep: string) => findings.find((f) => f.message.includes(`"${dep}"`))?.fix ?? '';
    assert.match(fix('user-logn'), /^Did you mean "user-login"\? Correct the id/);
    assert.match(fix('zzzzzzzz'), /^Correct the id/);
  });
});
