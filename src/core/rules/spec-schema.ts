import { checkSchema } from '../shared/schema.js';
import type { Rule } from './types.js';
import { closest } from '../spec/lookup.js';

// @sdd validation/VAL-002
const rule: Rule = {
  id: 'spec-schema',
  name: 'SpecSchema',
  description: 'Spec metadata matches the spec JSON Schema: required fields, types, slugs, known statuses.',
  help: 'Each spec needs `id` (a slug), `title` and `status` (draft, review, approved, implemented or deprecated); list fields such as tags and depends_on must be lists. The schema ships in schemas/spec.schema.json.',
  helpMarkdown: 'Metadata must match `schemas/spec.schema.json`.\n\nInvalid:\n\n```yaml\nid: User Login\nstatus: reviw\ntags: security\n```\n\nValid:\n\n```yaml\nid: user-login\ntitle: User login\nstatus: review\ntags: [security]\n```',
  defaultSeverity: 'error',
  tags: ['structure', 'schema'],
  precision: 'very-high',
  check(ctx) {
    for (const spec of ctx.specs) {
      for (const issue of checkSchema('spec', spec.data)) {
        const pos = ctx.locate(spec, issue.path);
        const value = issue.allowed ? valueAt(spec.data, issue.path) : undefined;
        const near = typeof value === 'string' && issue.allowed ? closest(value, issue.allowed) : [];
        ctx.report({
          spec, line: pos.line, column: pos.column, message: issue.message, key: issue.key,
          fix: (near.length ? `Did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : '') + 'See the field reference in README.md ("Spec format"); your editor can complete fields from schemas/spec.schema.json.',
        });
      }
    }
  },
};
/** The value at `path` in `data`, or undefined. */
function valueAt(data: unknown, path: Array<string | number>): unknown {
  let v = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}
export default rule;
