import type { Rule } from './types.js';

// @sdd validation/VAL-001
const rule: Rule = {
  id: 'spec-syntax',
  name: 'SpecSyntax',
  description: 'Every file under .sdd/specs/ parses: YAML front matter (or a YAML document) that is a mapping.',
  help: 'sdd could not read this file as a spec. Markdown specs start with a front-matter block (a `---` line, `key: value` lines, a `---` line); YAML specs are one mapping. Fix the YAML at the reported line.',
  helpMarkdown: 'sdd could not read this file as a spec.\n\nInvalid (the colon inside the title needs quotes):\n\n```markdown\n---\nid: login\ntitle: Login: v2\n---\n```\n\nValid:\n\n```markdown\n---\nid: login\ntitle: "Login: v2"\nstatus: draft\n---\n```',
  defaultSeverity: 'error',
  tags: ['structure'],
  precision: 'very-high',
  check(ctx) {
    for (const p of ctx.problems) ctx.report({ file: p.file, line: p.line, column: p.column, message: p.message, fix: p.fix, key: p.code });
  },
};
export default rule;
