import type { Rule } from './types.js';
import { driftSpecs } from '../drift/rules-support.js';

// @sdd traceability/DRF-007
const rule: Rule = {
  id: 'drift-suspect',
  name: 'DriftSuspect',
  description: 'No dependency of an approved spec changed since its code was last approved or accepted.',
  help: 'Code built for a spec also relies on what the spec depends on. When a dependency\'s content changes after the latest approval or `sdd drift accept` of the spec, the implementation may no longer fit. Unlike approval-suspect-dependency (which asks for the spec to be approved again), this one is settled by checking the code: if it still holds with the new dependency, run `sdd drift accept <id>`. The finding is at the dependency\'s entry in `depends_on`.',
  helpMarkdown: 'Invalid: `checkout` was approved while `payments` had other content:\n\n```yaml\nid: checkout\nstatus: implemented\ndepends_on: [payments]\n```\n\nValid: the code of `checkout` was checked against the new `payments`:\n\n```console\n$ sdd drift accept checkout --reason "uses the new refund API"\n```',
  defaultSeverity: 'warn',
  tags: ['drift', 'graph'],
  precision: 'high',
  usesGovernance: true,
  usesDrift: true,
  check(ctx) {
    for (const [s, spec] of driftSpecs(ctx)) {
      if (!s.anchor) continue;
      for (const dep of s.suspect) {
        const index = spec.dependsOn.indexOf(dep);
        const pos = ctx.locate(spec, Array.isArray(spec.data.depends_on) ? ['depends_on', index] : ['depends_on']);
        ctx.report({
          spec, line: pos.line, column: pos.column, key: dep,
          message: `Dependency "${dep}" changed since the code of ${s.id} was last ${s.anchor.kind === 'approval' ? 'approved' : 'accepted'}`,
          fix: `Check that the code of ${s.id} still holds with the new ${dep} (\`sdd diff ${dep}\`), then run \`sdd drift accept ${s.id}\`.`,
        });
      }
    }
  },
};
export default rule;
