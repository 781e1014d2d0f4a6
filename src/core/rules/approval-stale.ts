import type { Rule } from './types.js';
import { statusNeedsApproval } from '../governance/rules-support.js';
import { plural } from '../shared/plural.js';

// @sdd approvals/GOV-005
const rule: Rule = {
  id: 'approval-stale',
  name: 'ApprovalStale',
  description: 'A spec marked approved or implemented was not edited after its approvals.',
  help: 'Each approval records the semantic content hash it approved. Any real edit (title, body, requirements, depends_on, code) changes the hash, so the approval no longer covers what the spec says; reformatting and status, owner or tag changes do not. Ask the reviewers to look again and run `sdd approve <id>` (see what changed with `sdd diff <id> approved`), or move the spec back to review.',
  helpMarkdown: 'Invalid: `login` was approved, then its body gained a requirement:\n\n```console\n$ sdd check\n.sdd/specs/login.md\n  5:1  error  The spec changed after it was approved by bob@example.com  approval-stale\n```\n\nValid: after reviewing the change, a reviewer approved the new content:\n\n```console\n$ sdd diff login approved\n$ sdd approve login\n```',
  defaultSeverity: 'error',
  tags: ['approvals', 'governance'],
  precision: 'very-high',
  usesGovernance: true,
  check(ctx) {
    const gov = ctx.governance!;
    for (const spec of ctx.specs) {
      if (!statusNeedsApproval(spec.status)) continue;
      const a = gov.approvals.get(spec.id);
      if (!a || a.state === 'approved' || a.state === 'suspect' || a.state === 'rejected' || !a.staleApprovers.length) continue;
      const pos = ctx.locate(spec, ['status']);
      ctx.report({
        spec, line: pos.line, column: pos.column, key: 'stale',
        message: `The spec changed after it was approved by ${a.staleApprovers.join(', ')}: ${a.approvers.length} of ${plural(a.quorum, 'approval')} cover the current content`,
        fix: `Review the change (\`sdd diff ${spec.id} approved\`) and approve again with \`sdd approve ${spec.id}\`, or set the status back to review.`,
      });
    }
  },
};
export default rule;
