import type { Rule } from './types.js';
import { closest } from '../spec/lookup.js';

// @sdd validation/VAL-004
const rule: Rule = {
  id: 'dangling-dependency',
  name: 'DanglingDependency',
  description: 'Every depends_on entry names an existing spec.',
  help: 'A depends_on entry that names no spec is usually a typo or a spec that was renamed or deleted. Correct the id, create the missing spec, or remove the entry.',
  helpMarkdown: 'Invalid (no spec has the id `user-logn`):\n\n```yaml\ndepends_on: [user-logn]\n```\n\nValid:\n\n```yaml\ndepends_on: [user-login]\n```',
  defaultSeverity: 'error',
  tags: ['structure', 'graph'],
  precision: 'very-high',
  check(ctx) {
    for (const spec of ctx.specs) {
      spec.dependsOn.forEach((dep, index) => {
        if (ctx.byId.has(dep)) return;
        const pos = ctx.locate(spec, Array.isArray(spec.data.depends_on) ? ['depends_on', index] : ['depends_on']);
        ctx.report({
          spec, line: pos.line, column: pos.column, key: dep, message: `depends_on names "${dep}", but no spec has that id`,
          fix: `${didYouMean(dep, ctx.byId.keys())}Correct the id, create the spec with \`sdd new spec "<title>" --id ${dep}\`, or remove the entry.`,
        });
      });
    }
  },
};
/** "Did you mean …? " for the ids closest to a misspelt one, or nothing. */
function didYouMean(wanted: string, known: Iterable<string>): string {
  const near = closest(wanted, known);
  return near.length ? `Did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '';
}
export default rule;
