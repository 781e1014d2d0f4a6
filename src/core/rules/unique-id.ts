import type { Rule } from './types.js';

// @sdd validation/VAL-003
const rule: Rule = {
  id: 'unique-id',
  name: 'UniqueSpecId',
  description: 'No two specs share an id.',
  help: 'Ids address specs everywhere (depends_on, queries, approvals, code tags), so each must be unique across .sdd/specs/. Every file involved is reported, naming the others.',
  helpMarkdown: 'Invalid: two files both declare the same id.\n\n```yaml\n# .sdd/specs/auth/login.md\nid: user-login\n# .sdd/specs/auth/sso.md\nid: user-login\n```\n\nValid: rename one of them.\n\n```yaml\n# .sdd/specs/auth/sso.md\nid: user-login-sso\n```',
  defaultSeverity: 'error',
  tags: ['structure'],
  precision: 'very-high',
  check(ctx) {
    for (const [id, specs] of ctx.byId) {
      if (specs.length < 2) continue;
      for (const spec of specs) {
        const others = specs.filter((s) => s !== spec).map((s) => s.file).join(', ');
        const pos = ctx.locate(spec, ['id']);
        ctx.report({
          spec, line: pos.line, column: pos.column, key: id, message: `Duplicate spec id "${id}": also used by ${others}`,
          fix: 'Give one of the specs a different `id`; ids must be unique across .sdd/specs/.',
        });
      }
    }
  },
};
export default rule;
