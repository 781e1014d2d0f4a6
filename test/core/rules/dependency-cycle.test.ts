import { testRule, md } from '../../helpers/rules.js';

const id = 'dependency-cycle';
const spec = (name: string, deps: string) => md([`id: ${name}`, `title: ${name}`, 'status: draft', `depends_on: ${deps}`]);

// @sdd validation/VAL-005, dependency-graph/GRAPH-004
testRule(id, {
  valid: [
    { name: 'a chain', specs: { 'a.md': spec('a', '[b]'), 'b.md': spec('b', '[c]'), 'c.md': spec('c', '[]') } },
    { name: 'a diamond', specs: { 'a.md': spec('a', '[b, c]'), 'b.md': spec('b', '[d]'), 'c.md': spec('c', '[d]'), 'd.md': spec('d', '[]') } },
    { name: 'a dangling dependency', specs: { 'a.md': spec('a', '[ghost]') } },
  ],
  invalid: [
    {
      name: 'two specs, reported once with the whole cycle',
      specs: { 'a.md': spec('a', '[b]'), 'b.md': spec('b', '[a]') },
      errors: [{ message: 'Dependency cycle: a → b → a', line: 5, column: 14, file: '.sdd/specs/a.md', severity: 'error' }],
    },
    {
      name: 'a longer cycle, at the edge that closes it',
      specs: { 'a.md': spec('a', '[x, b]'), 'b.md': spec('b', '[c]'), 'c.md': spec('c', '[a]'), 'x.md': spec('x', '[]') },
      errors: [{ message: 'Dependency cycle: a → b → c → a', line: 5, column: 17, file: '.sdd/specs/a.md' }],
    },
    {
      name: 'a self-dependency',
      specs: { 'd.md': spec('d', '[d]') },
      errors: [{ message: 'Dependency cycle: d → d', line: 5, column: 14 }],
    },
  ],
});
