import type { Rule } from './types.js';

const rule: Rule = {
  id: 'approval-unauthorized',
  name: 'ApprovalUnauthorized',
  description: 'Every approval or rejection is by a reviewer of the spec\'s domain who is not its owner.',
  help: 'Rights come from .sdd/access.yml: reviewers, domain admins and org admins of a spec\'s domain may approve or reject it (roles inherit: viewer < contributor < reviewer < domain_admin < org_admin), but never its owner. A decision by anyone else does not count towards the quorum. Give the person reviewer rights for the domain in access.yml, or remove the file and ask a reviewer.',
  helpMarkdown: 'Invalid: ada@example.com (the spec\'s `owner`) approved her own spec, or dan@example.com (a contributor) approved a spec of domain `core`.\n\nValid (access.yml):\n\n```yaml\ndomains:\n  core:\n    reviewers: [bob@example.com]\n```\n\nand the approval is by bob@example.com.',
  defaultSeverity: 'error',
  tags: ['approvals', 'governance', 'security'],
  precision: 'very-high',
  usesGovernance: true,
  check(ctx) {
    const gov = ctx.governance!;
    for (const e of gov.entries) {
      if (!e.unauthorized || !e.signature.ok) continue;
      ctx.report({
        file: e.file, line: e.lines.principal ?? 1, column: 1, key: e.record!.principal,
        message: `Decision does not count: ${e.unauthorized}`,
        fix: `Give ${e.record!.principal} reviewer rights for the domain in ${gov.access.file}, or remove this file and ask a reviewer who is not the owner.`,
      });
    }
  },
};
export default rule;
