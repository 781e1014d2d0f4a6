import { distinctKeys } from './finding-keys.js';
import type { Rule } from './types.js';

// @sdd validation/VAL-006
const rule: Rule = {
  id: 'unique-requirement-id',
  name: 'UniqueRequirementId',
  description: 'A requirement id is used once within a spec.',
  help: 'Requirements are addressed as <spec-id>/<REQ-ID> by code tags, traces and reviews; two requirements with one id make those references ambiguous. Renumber one of them.',
  helpMarkdown: 'Invalid:\n\n```markdown\n- **REQ-001** The service MUST log in users.\n- **REQ-001** The service MUST log out users.\n```\n\nValid: number the second `REQ-002`.',
  defaultSeverity: 'error',
  tags: ['structure', 'requirements'],
  precision: 'very-high',
  check(ctx) {
    for (const spec of ctx.specs) {
      const first = new Map<string, number>();
      const key = distinctKeys();
      for (const req of spec.requirements) {
        const line = first.get(req.id);
        if (line === undefined) {
          first.set(req.id, req.line);
          continue;
        }
        ctx.report({
          spec, line: req.line, column: req.column, key: key(req.id), message: `Requirement ${req.id} is defined twice (first at line ${line})`,
          fix: 'Renumber one of the requirements; requirement ids must be unique within a spec.',
        });
      }
    }
  },
};
export default rule;
