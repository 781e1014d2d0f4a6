import type { Rule } from './types.js';
import { requirementsWith, tagFor } from '../drift/rules-support.js';

// @sdd traceability/DRF-007
const rule: Rule = {
  id: 'drift-untested',
  name: 'DriftUntested',
  description: 'With `drift.require_tests` on, every requirement of an approved or implemented spec has a test that names it.',
  help: 'When .sdd/config.yaml sets `drift: {require_tests: true}`, a requirement counts as covered only if a test refers to it too: an `@sdd <spec-id>/<REQ-ID>` tag in a test file (config `code.tests`), a tag with `role=test`, or a test whose name contains the requirement id, as in it(\'REQ-001 rejects expired tokens\'). Name or tag the test that proves the requirement. The finding is at the requirement\'s line in the spec.',
  helpMarkdown: 'Invalid: `login/REQ-001` is implemented, but no test names it:\n\n```yaml\n# .sdd/config.yaml\ndrift:\n  require_tests: true\n```\n\nValid: a test names the requirement:\n\n```ts\nit(\'REQ-001 logs a user in with a password\', () => { … });\n```',
  defaultSeverity: 'warn',
  tags: ['drift', 'traceability', 'tests'],
  precision: 'high',
  usesGovernance: true,
  usesDrift: true,
  check(ctx) {
    for (const [r, s, spec] of requirementsWith(ctx, 'untested')) {
      ctx.report({
        spec, line: r.line, column: r.column, key: r.id,
        message: `${r.id} of ${s.status} spec ${s.id} is implemented but has no test`,
        fix: `Tag a test with \`${tagFor(s.id, r.id, true)}\`, or name a test after it (\`it('${r.id} …')\`).`,
      });
    }
  },
};
export default rule;
