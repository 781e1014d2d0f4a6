import { STATUSES } from '../spec/fields.js';
import type { Rule } from './types.js';

const FIELD_LIST = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

/** A value that says nothing: absent, null, blank text or an empty list. */
function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

const rule: Rule = {
  id: 'required-fields',
  name: 'RequiredFields',
  description: 'A spec has the front-matter fields its status requires.',
  help: 'Later statuses promise more: a spec under review needs an owner to answer questions, and an approved or implemented one also needs a domain so access rules and reports can place it. The finding is reported at `status` and names the missing field. Fill the field in, or move the spec back to an earlier status. Option `fields` maps a status to the fields it requires (it replaces the default map as a whole); id, title and status are always required by spec-schema.',
  helpMarkdown: 'With the default options, `approved` requires `owner` and `domain`.\n\nInvalid:\n\n```yaml\nid: user-login\ntitle: User login\nstatus: approved\nowner: ana@example.com\n```\n\nValid:\n\n```yaml\nid: user-login\ntitle: User login\nstatus: approved\nowner: ana@example.com\ndomain: auth\n```\n\nConfigure per status:\n\n```yaml\nrules:\n  required-fields:\n    options:\n      fields: { review: [owner], approved: [owner, domain, reviewers] }\n```',
  defaultSeverity: 'error',
  optionsSchema: {
    type: 'object',
    properties: {
      fields: { type: 'object', properties: Object.fromEntries(STATUSES.map((s) => [s, FIELD_LIST])), additionalProperties: false },
    },
    additionalProperties: false,
  },
  defaultOptions: { fields: { review: ['owner'], approved: ['owner', 'domain'], implemented: ['owner', 'domain'] } },
  tags: ['metadata', 'workflow'],
  precision: 'very-high',
  check(ctx) {
    const fields = (ctx.options.fields ?? {}) as Record<string, string[] | undefined>;
    for (const spec of ctx.specs) {
      const required = Object.hasOwn(fields, spec.status) ? fields[spec.status] ?? [] : [];
      const missing = required.filter((field) => isBlank(spec.data[field]));
      if (missing.length === 0) continue;
      const pos = ctx.locate(spec, ['status']);
      for (const field of missing) {
        ctx.report({
          spec, line: pos.line, column: pos.column, key: field,
          message: `A spec with status "${spec.status}" needs \`${field}\`, which is ${spec.data[field] === undefined ? 'missing' : 'empty'}`,
          fix: `Add \`${field}:\` to the front matter, or move the spec back to an earlier status.`,
        });
      }
    }
  },
};
export default rule;
