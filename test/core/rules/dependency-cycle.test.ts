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
      name: 'two specs: each is reported, with the cycle through it',
      specs: { 'a.md': spec('a', '[b]'), 'b.md': spec('b', '[a]') },
      errors: [
        { message: 'Dependency cycle: a → b → a', line: 5, column: 14, file: '.sdd/specs/a.md', severity: 'error' },
        { message: 'Dependency cycle: b → a → b', line: 5, column: 14, file: '.sdd/specs/b.md', severity: 'error' },
      ],
    },
    {
      name: 'a longer cycle, each spec at its edge on the cycle',
      specs: { 'a.md': spec('a', '[x, b]'), 'b.md': spec('b', '[c]'), 'c.md': spec('c', '[a]'), 'x.md': spec('x', '[]') },
      errors: [
        { message: 'Dependency cycle: a → b → c → a', line: 5, column: 17, file: '.sdd/specs/a.md' },
        { message: 'Dependency cycle: b → c → a → b', line: 5, column: 14, file: '.sdd/specs/b.md' },
        { message: 'Dependency cycle: c → a → b → c', line: 5, column: 14, file: '.sdd/specs/c.md' },
      ],
    },
    {
      // a ⇄ b and c ⇄ d, tied by a → c and d → b: no single cycle holds all four, all four are on one.
      name: 'four specs tied by several cycles: every one is named, with the whole group',
      specs: { 'a.md': spec('a', '[b, c]'), 'b.md': spec('b', '[a]'), 'c.md': spec('c', '[d]'), 'd.md': spec('d', '[c, b]') },
      errors: [
        { message: 'Dependency cycle: a → b → a (a is one of 4 specs tied by cycles: a, b, c, d)', line: 5, column: 14, file: '.sdd/specs/a.md' },
        { message: 'Dependency cycle: b → a → b (b is one of 4 specs tied by cycles: a, b, c, d)', line: 5, column: 14, file: '.sdd/specs/b.md' },
        { message: 'Dependency cycle: c → d → c (c is one of 4 specs tied by cycles: a, b, c, d)', line: 5, column: 14, file: '.sdd/specs/c.md' },
        { message: 'Dependency cycle: d → c → d (d is one of 4 specs tied by cycles: a, b, c, d)', line: 5, column: 14, file: '.sdd/specs/d.md' },
      ],
    },
    {
      name: 'a self-dependency',
      specs: { 'd.md': spec('d', '[d]') },
      errors: [{ message: 'Dependency cycle: d → d', line: 5, column: 14 }],
    },
  ],
});
