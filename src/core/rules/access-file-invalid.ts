import type { Rule } from './types.js';

const rule: Rule = {
  id: 'access-file-invalid',
  name: 'AccessFileInvalid',
  description: '.sdd/access.yml is valid: YAML, known keys, email addresses, defined @teams and whole-number quorums.',
  help: 'access.yml decides who may approve what. An entry sdd cannot understand grants nothing (a typo never widens access), so a broken entry silently takes rights away: fix it at the reported line. Principals are git user.email addresses; teams are defined under `teams:` with a leading @ and referred to the same way.',
  helpMarkdown: 'Invalid:\n\n```yaml\ndomains:\n  core:\n    reviewers: ["@core-reviewer"]   # no such team\n    quorum: two\n```\n\nValid:\n\n```yaml\nteams:\n  "@core-reviewers": [bob@example.com, carol@example.com]\ndomains:\n  core:\n    reviewers: ["@core-reviewers"]\n    quorum: 2\n```',
  defaultSeverity: 'error',
  tags: ['approvals', 'governance', 'config'],
  precision: 'very-high',
  usesGovernance: true,
  check(ctx) {
    const { access } = ctx.governance!;
    for (const p of access.problems) {
      ctx.report({ file: access.file, line: p.line, column: p.column, key: p.key, message: p.message, fix: p.fix });
    }
  },
};
export default rule;
