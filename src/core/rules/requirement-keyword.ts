import { distinctKeys } from './finding-keys.js';
import type { Rule } from './types.js';

const LOWER_CASE_KEYWORD_RE = /\b(must not|shall not|should not|must|shall|should|required|recommended|may|optional)\b/i;

const rule: Rule = {
  id: 'requirement-keyword',
  name: 'RequirementKeyword',
  description: 'Every requirement states its obligation with an RFC 2119 keyword.',
  help: 'A requirement without MUST, SHOULD, MAY (or another RFC 2119 keyword) does not say whether it is mandatory, so reviewers and tests cannot tell. Only upper-case keywords count, as RFC 8174 asks: "must" in lower case is ordinary English. Rewrite the requirement with the keyword that fits: MUST / MUST NOT for absolute rules, SHOULD / SHOULD NOT for strong defaults, MAY for options.',
  helpMarkdown: 'Invalid:\n\n```markdown\n- **REQ-001** The service logs users in with a password.\n- **REQ-002** Sessions must expire after an hour.\n```\n\nValid:\n\n```markdown\n- **REQ-001** The service MUST log users in with a password.\n- **REQ-002** Sessions MUST expire after an hour.\n```',
  defaultSeverity: 'error',
  tags: ['requirements', 'content'],
  precision: 'very-high',
  check(ctx) {
    for (const spec of ctx.specs) {
      const keyOf = distinctKeys();
      for (const req of spec.requirements) {
        if (req.keyword !== null) continue;
        const lower = LOWER_CASE_KEYWORD_RE.exec(req.text);
        const hint = lower ? ` ("${lower[1]}" does not count: keywords are upper case)` : '';
        ctx.report({
          spec, line: req.line, column: req.column, key: keyOf(req.id),
          message: `Requirement ${req.id} has no RFC 2119 keyword${hint}`,
          fix: 'State the obligation with an upper-case keyword: MUST, MUST NOT, SHOULD, SHOULD NOT or MAY.',
        });
      }
    }
  },
};
export default rule;
