import { STATUSES } from '../spec/fields.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'constitution-version',
  name: 'ConstitutionVersion',
  description: 'A spec\'s constitution_version equals the version in .sdd/constitution.md.',
  help: 'constitution_version records which version of the project\'s principles a spec was written against. When the constitution\'s `version` moves on, specs still on the old one have not been checked against the change. Review the spec against what changed, then set constitution_version to the current version (compared as text: "1.0" and "1.0.0" differ). Nothing is reported when the spec or the constitution has no version. Option `required_from` lists statuses whose specs must declare constitution_version whenever the constitution has a version.',
  helpMarkdown: 'With `version: 1.1.0` in .sdd/constitution.md:\n\nInvalid:\n\n```yaml\nid: user-login\nstatus: approved\nconstitution_version: 1.0.0\n```\n\nValid:\n\n```yaml\nid: user-login\nstatus: approved\nconstitution_version: 1.1.0\n```',
  defaultSeverity: 'warn',
  optionsSchema: {
    type: 'object',
    properties: {
      required_from: { type: 'array', items: { enum: [...STATUSES] }, uniqueItems: true, description: 'Statuses whose specs must declare constitution_version.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { required_from: [] },
  tags: ['metadata', 'governance'],
  precision: 'very-high',
  check(ctx) {
    const current = ctx.constitutionVersion;
    if (current === null) return;
    const requiredFrom = new Set(ctx.options.required_from as string[]);
    for (const spec of ctx.specs) {
      const raw = spec.data.constitution_version;
      if (raw === undefined || raw === null || raw === '') {
        if (!requiredFrom.has(spec.status)) continue;
        const pos = ctx.locate(spec, ['status']);
        ctx.report({
          spec, line: pos.line, column: pos.column, key: 'missing',
          message: `A spec with status "${spec.status}" must declare constitution_version (the constitution is at version "${current}")`,
          fix: `Check the spec against .sdd/constitution.md, then add \`constitution_version: "${current}"\`.`,
        });
        continue;
      }
      // Other types are spec-schema's to report.
      if (typeof raw !== 'string' && typeof raw !== 'number') continue;
      const declared = String(raw).trim();
      if (declared === current) continue;
      const pos = ctx.locate(spec, ['constitution_version']);
      ctx.report({
        spec, line: pos.line, column: pos.column, key: `mismatch:${current}`,
        message: `constitution_version is "${declared}", but .sdd/constitution.md is at version "${current}"`,
        fix: `Review the spec against the changes to .sdd/constitution.md, then set \`constitution_version: "${current}"\`.`,
      });
    }
  },
};
export default rule;
