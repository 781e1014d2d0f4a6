import type { Rule } from './types.js';
import { statusNeedsApproval } from '../governance/rules-support.js';

const rule: Rule = {
  id: 'approval-missing',
  name: 'ApprovalMissing',
  description: 'A spec marked approved or implemented has a quorum of valid approvals of its current content.',
  help: '"Approved" is computed from signed decision files in .sdd/approvals/<id>/, never trusted from front matter: a quorum (access.yml, default 1) of valid signatures from distinct reviewers of the spec\'s domain, none of them its owner. Ask reviewers to run `sdd approve <id>`, or move the spec back with `sdd status <id> review --reason …`. (An approval of an older version is reported by approval-stale instead.)',
  helpMarkdown: 'Invalid (no decision file approves it):\n\n```yaml\nid: login\nstatus: approved\n```\n\nValid: a reviewer of the domain ran `sdd approve login`, which added `.sdd/approvals/login/<time>-approved-<who>.json` with a signature that `.sdd/allowed_signers` verifies.',
  defaultSeverity: 'error',
  tags: ['approvals', 'governance'],
  precision: 'very-high',
  usesGovernance: true,
  check(ctx) {
    const gov = ctx.governance!;
    for (const spec of ctx.specs) {
      if (!statusNeedsApproval(spec.status)) continue;
      const a = gov.approvals.get(spec.id);
      if (!a || a.state === 'approved' || a.state === 'suspect') continue;
      if (a.staleApprovers.length && a.state !== 'rejected') continue; // approval-stale reports it
      const pos = ctx.locate(spec, ['status']);
      const have = a.approvers.length ? ` (${a.approvers.length} of ${a.quorum}: ${a.approvers.join(', ')})` : '';
      ctx.report({
        spec, line: pos.line, column: pos.column, key: 'missing',
        message: a.state === 'rejected'
          ? `Status is "${spec.status}", but ${a.rejectedBy.join(', ')} rejected the current content${have}`
          : `Status is "${spec.status}", but the spec has ${a.approvers.length ? 'fewer valid approvals than its quorum' : 'no valid approval'}${have || ` (quorum ${a.quorum})`}`,
        fix: `Ask a reviewer of the domain to run \`sdd approve ${spec.id}\`, or set the status back with \`sdd status ${spec.id} review --reason "…"\`.`,
      });
    }
  },
};
export default rule;
