import type { Rule } from './types.js';

// @sdd approvals/GOV-006
const rule: Rule = {
  id: 'approval-record-tampered',
  name: 'ApprovalRecordTampered',
  description: 'No decision file was modified or deleted after it was committed.',
  help: 'Decision files are append-only: each decision is a new file, so git history shows exactly who decided what and when. A committed decision file that was later edited or removed (in a commit or in the working tree) rewrites that history. Restore it with `git checkout <commit> -- <file>`; to change a decision, record a new one (`sdd approve` / `sdd reject`).',
  helpMarkdown: 'Invalid: a committed decision file was changed later:\n\n```console\n$ git log --oneline --name-status -- .sdd/approvals/login/\nb2c3d4e M .sdd/approvals/login/20261122T080000Z-approved-bob-example-com.json\na1b2c3d A .sdd/approvals/login/20261122T080000Z-approved-bob-example-com.json\n```\n\nValid: the file is unchanged since it was added, and a change of mind is a new decision:\n\n```console\n$ sdd reject login --reason "REQ-003 is ambiguous"\n```',
  defaultSeverity: 'error',
  tags: ['approvals', 'governance', 'security', 'audit'],
  precision: 'very-high',
  usesGovernance: true,
  check(ctx) {
    for (const t of ctx.governance!.tampering) {
      const when = t.commit ? `in commit ${t.commit.slice(0, 12)}${t.author ? ` by ${t.author}` : ''}` : 'in the working tree (not committed)';
      ctx.report({
        file: t.file, line: 1, column: 1, key: t.kind,
        message: `Decision file was ${t.kind} ${when} after it was committed in ${t.addedIn.slice(0, 12)}`,
        fix: `Restore it with \`git checkout ${t.addedIn.slice(0, 12)} -- ${t.file}\`; record a change of mind as a new decision instead.`,
      });
    }
  },
};
export default rule;
