import type { Rule } from './types.js';
import { requirementsWith, tagFor } from '../drift/rules-support.js';

// @sdd traceability/DRF-007
const rule: Rule = {
  id: 'drift-uncovered',
  name: 'DriftUncovered',
  description: 'Every requirement of an approved or implemented spec is implemented by code that says so with an `@sdd` tag.',
  help: 'sdd traces requirements to code through comments: `@sdd <spec-id>/<REQ-ID>` in any language marks the code that implements a requirement. A requirement of an approved or implemented spec that no code names is either not built yet or built without a trace, and nobody can tell which. Tag the implementing code (the tag is language-agnostic: `//`, `#`, `--`, `/* */` comments all work), or move the spec back to review. The finding is at the requirement\'s line in the spec.',
  helpMarkdown: 'Invalid: `login` is implemented, but no code names `login/REQ-002`:\n\n```markdown\n- **REQ-002** The system MUST lock an account after five failures.\n```\n\nValid: the implementing code carries the tag:\n\n```ts\n// @sdd login/REQ-002\nexport function recordFailure(account: Account) { … }\n```',
  defaultSeverity: 'warn',
  tags: ['drift', 'traceability'],
  precision: 'high',
  usesGovernance: true,
  usesDrift: true,
  check(ctx) {
    for (const [r, s, spec] of requirementsWith(ctx, 'uncovered')) {
      ctx.report({
        spec, line: r.line, column: r.column, key: r.id,
        message: `${r.id} of ${s.status} spec ${s.id} has no implementing code: no \`${tagFor(s.id, r.id)}\` tag`,
        fix: `Add a comment \`${tagFor(s.id, r.id)}\` to the code that implements it, or move the spec back to review (\`sdd status ${s.id} review --reason …\`).`,
      });
    }
  },
};
export default rule;
