import type { Rule } from './types.js';
import { reportTags } from '../drift/rules-support.js';

// @sdd traceability/DRF-007
const rule: Rule = {
  id: 'drift-orphaned',
  name: 'DriftOrphaned',
  description: 'Every `@sdd` tag in the code names an existing, non-deprecated spec and, when it names one, an existing requirement.',
  help: 'A tag that names a spec or requirement that does not exist (misspelt, renamed, deleted) or a deprecated spec traces code to nothing: the code looks covered while the requirement it claims is gone. Renaming a requirement id leaves its old tags orphaned. Point the tag at the current id (`sdd show <id>` lists the requirements), at the spec that replaced a deprecated one, or remove it. The finding is at the tag\'s line in the code file.',
  helpMarkdown: 'Invalid: `login` has no `REQ-009`:\n\n```ts\n// @sdd login/REQ-009\n```\n\nValid: the tag names a requirement that exists:\n\n```ts\n// @sdd login/REQ-002\n```',
  defaultSeverity: 'error',
  tags: ['drift', 'traceability'],
  precision: 'very-high',
  usesGovernance: true,
  usesDrift: true,
  check(ctx) {
    reportTags(ctx, 'orphaned', (t) => {
      const spec = t.spec ? ctx.byId.get(t.spec)?.[0] : undefined;
      if (!spec) return 'Correct the spec id (`sdd list` shows them all), or remove the tag.';
      if (spec.status === 'deprecated') return `Point the tag at the spec that replaces ${spec.id}, or remove it.`;
      const ids = spec.requirements.map((r) => r.id);
      return `Use one of ${spec.id}'s requirement ids (${ids.slice(0, 6).join(', ') || 'it has none'}${ids.length > 6 ? ', …' : ''}), or remove the tag.`;
    });
  },
};
export default rule;
