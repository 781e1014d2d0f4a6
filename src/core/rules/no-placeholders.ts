import { STATUSES } from '../spec/fields.js';
import { distinctKeys } from './finding-keys.js';
import { proseLines, withoutCodeSpans } from '../spec/markdown.js';
import { optionRegExp } from './rule-options.js';
import { foldCase } from '../shared/user-regex.js';
import type { Rule } from './types.js';

const DEFAULT_PATTERNS = [
  '\\bTODO\\b',
  '\\bTBD\\b',
  '\\bFIXME\\b',
  '\\bXXX\\b',
  '\\bfill (?:me|this) in\\b',
  '\\blorem ipsum\\b',
  // No ellipsis: in real documents "…" and "..." elide quoted text, output or steps far more
  // often than they mark unwritten content; add '^\\s*(?:…|\\.\\.\\.)\\s*$' to `patterns` to flag lone ones.
  // A template variable that `sdd new` did not fill, e.g. {{owner}}.
  '\\{\\{\\s*[\\w.-]+\\s*\\}\\}',
];

const rule: Rule = {
  id: 'no-placeholders',
  name: 'NoPlaceholders',
  description: 'Specs from status approved onward contain no placeholder text such as TODO or TBD.',
  help: 'Approving a spec says its content is final; a TODO, TBD, FIXME, "lorem ipsum" or an unfilled {{variable}} says it is not. Each occurrence in the body (and, in YAML specs, in requirement texts) is reported where it stands; code (fenced and indented blocks, also inside list items, as CommonMark reads them) and `inline code` are skipped, so examples may mention them, and ellipses ("…", "...") are ordinary punctuation. Write the missing content, or move the spec back to review. Option `patterns` lists the placeholders as case-insensitive regular expressions (it replaces the default list); option `statuses` lists the statuses the rule applies to.',
  helpMarkdown: 'Invalid (status `approved`):\n\n```markdown\n## Requirements\n\n- **REQ-001** Tokens MUST expire after TBD minutes.\n```\n\nValid:\n\n```markdown\n## Requirements\n\n- **REQ-001** Tokens MUST expire after 30 minutes.\n```\n\nA draft may keep its TODOs; so may code blocks:\n\n````markdown\n```js\n// TODO: this comment is part of an example\n```\n````',
  defaultSeverity: 'error',
  optionsSchema: {
    type: 'object',
    properties: {
      patterns: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Case-insensitive regular expressions of placeholder text.' },
      statuses: { type: 'array', items: { enum: [...STATUSES] }, uniqueItems: true, description: 'Statuses whose specs must be free of placeholders.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { patterns: DEFAULT_PATTERNS, statuses: ['approved', 'implemented'] },
  tags: ['content', 'workflow'],
  precision: 'high',
  check(ctx) {
    const statuses = new Set(ctx.options.statuses as string[]);
    const sources = ctx.options.patterns as string[];
    const patterns = sources.map((source, i) => optionRegExp(ctx, rule.id, ['patterns', i], source, 'gi')).filter((re): re is RegExp => re !== null);
    if (patterns.length === 0) return;

    /** Placeholders in `text` as [column (1-based), matched text], left to right, one per column. */
    const find = (text: string): Array<[number, string]> => {
      const hits = new Map<number, string>();
      // The patterns are case-folded (see optionRegExp); offsets in the folded text are offsets in `text`.
      const folded = foldCase(text);
      for (const re of patterns) {
        for (const m of folded.matchAll(re)) if (m[0].length > 0 && !hits.has(m.index + 1)) hits.set(m.index + 1, text.slice(m.index, m.index + m[0].length).trim());
      }
      return [...hits].sort((a, b) => a[0] - b[0]);
    };

    for (const spec of ctx.specs) {
      if (!statuses.has(spec.status)) continue;
      const keyOf = distinctKeys();
      const report = (line: number, column: number | undefined, found: string, context: string) => ctx.report({
        spec, line, column, key: keyOf(`${found.toLowerCase()}|${context.trim()}`),
        message: `Placeholder "${found}" in a spec with status "${spec.status}"`,
        fix: 'Replace the placeholder with the real content, or move the spec back to review.',
      });
      // A YAML block scalar's indentation is not in `body`, so columns there would be wrong.
      const exactColumns = spec.format === 'markdown';
      for (const { text, line } of proseLines(spec)) {
        for (const [column, found] of find(withoutCodeSpans(text))) report(line, exactColumns ? column : undefined, found, text);
      }
      if (spec.format === 'yaml' && Array.isArray(spec.data.requirements)) {
        spec.data.requirements.forEach((item: unknown, index) => {
          const text = item && typeof item === 'object' ? (item as Record<string, unknown>).text : undefined;
          if (typeof text !== 'string') return;
          const hits = find(withoutCodeSpans(text));
          if (hits.length === 0) return;
          const pos = ctx.locate(spec, ['requirements', index, 'text']);
          for (const [, found] of hits) report(pos.line, pos.column, found, text);
        });
      }
    }
  },
};
export default rule;
