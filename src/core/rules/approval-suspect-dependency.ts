import type { Rule } from './types.js';
import { statusNeedsApproval } from '../governance/rules-support.js';

// @sdd approvals/GOV-005
const rule: Rule = {
  id: 'approval-suspect-dependency',
  name: 'ApprovalSuspectDependency',
  description: 'No dependency of an approved spec changed since the approval.',
  help: 'An approval records the content hash of each spec it depends on. When one of them changes afterwards, the approval still covers the spec\'s own text but was given against a different foundation: the approval is suspect. Check that the spec still holds with the new dependency, then approve it again.',
  helpMarkdown: 'Invalid: `checkout` was approved while it depended on this version of `payments`, and `payments` changed since:\n\n```yaml\nid: checkout\nstatus: approved\ndepends_on: [payments]\n```\n\nValid: a reviewer checked `checkout` against the new `payments` and approved it again:\n\n```console\n$ sdd approve checkout --reason "still holds with the new payments flow"\n```',
  defaultSeverity: 'warn',
  tags: ['approvals', 'governance', 'graph'],
  precision: 'high',
  usesGovernance: true,
  check(ctx) {
    const gov = ctx.governance!;
    for (const spec of ctx.specs) {
      if (!statusNeedsApproval(spec.status)) continue;
      const a = gov.approvals.get(spec.id);
      if (!a || a.state !== 'suspect') continue;
      for (const dep of a.changedDependencies) {
        const index = spec.dependsOn.indexOf(dep);
        const pos = ctx.locate(spec, Array.isArray(spec.data.depends_on) ? ['depends_on', index] : ['depends_on']);
        ctx.report({
          spec, line: pos.line, column: pos.column, key: dep,
          message: `Dependency "${dep}" changed after this spec was approved`,
          fix: `Check that ${spec.id} still holds with the new ${dep} (\`sdd diff ${dep}\`), then run \`sdd approve ${spec.id}\`.`,
        });
      }
    }
  },
};
export default rule;
