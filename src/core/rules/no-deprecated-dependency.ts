import type { Rule } from './types.js';

const rule: Rule = {
  id: 'no-deprecated-dependency',
  name: 'NoDeprecatedDependency',
  description: 'A spec that is not deprecated does not depend on a deprecated spec.',
  help: 'A deprecated spec no longer describes how the system should behave, so building on it carries its outdated decisions forward. Point depends_on at the spec that replaced it, or remove the entry if the dependency is gone. A deprecated spec may depend on anything.',
  helpMarkdown: 'Invalid (`legacy-auth` has `status: deprecated`):\n\n```yaml\nid: user-login\nstatus: approved\ndepends_on: [legacy-auth]\n```\n\nValid:\n\n```yaml\nid: user-login\nstatus: approved\ndepends_on: [oidc-auth]\n```',
  defaultSeverity: 'warn',
  tags: ['graph', 'workflow'],
  precision: 'very-high',
  check(ctx) {
    for (const spec of ctx.specs) {
      if (spec.status === 'deprecated') continue;
      spec.dependsOn.forEach((dep, index) => {
        const targets = ctx.byId.get(dep);
        if (!targets || !targets.every((t) => t.status === 'deprecated')) return;
        const pos = ctx.locate(spec, Array.isArray(spec.data.depends_on) ? ['depends_on', index] : ['depends_on']);
        ctx.report({
          spec, line: pos.line, column: pos.column, key: dep,
          message: `depends_on names "${dep}", which is deprecated`,
          fix: 'Depend on the spec that replaces it, or remove the entry.',
        });
      });
    }
  },
};
export default rule;
