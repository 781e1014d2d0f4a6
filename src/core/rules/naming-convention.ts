import { optionRegExp } from './rule-options.js';
import type { Rule } from './types.js';

const DEFAULT_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

// Words a title-case title keeps in lower case unless they start or end it.
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'per', 'so', 'the', 'to', 'up', 'via', 'vs', 'with', 'yet']);

interface Word {
  /** The word without punctuation around it. */
  core: string;
  first: boolean;
  /** The word follows `:`, `.`, `?` or `!`, so it may start a new clause. */
  afterBreak: boolean;
  last: boolean;
}

function words(title: string): Word[] {
  const raw = title.split(/\s+/).filter(Boolean);
  return raw.map((w, i) => ({
    core: w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''),
    first: i === 0,
    afterBreak: i > 0 && /[:.?!]$/.test(raw[i - 1]),
    last: i === raw.length - 1,
  }));
}

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
/** Acronyms and names with inner capitals (API, OAuth, iOS) are kept as written in any case style. */
const hasInnerCapital = (core: string) => [...core.slice(1)].some(isUpper);

/** The first word that breaks the case style, with what it should be; null when the title follows it. */
function caseProblem(title: string, style: string): { word: string; want: string } | null {
  for (const { core, first, afterBreak, last } of words(title)) {
    const initial = core[0];
    if (!initial || !/\p{L}/u.test(initial) || hasInnerCapital(core)) continue;
    const capitalised = initial.toUpperCase() + core.slice(1);
    if (style === 'sentence') {
      // After a colon either case is fine ("Login: two factors", "Login: Two factors").
      if (first && isLower(initial)) return { word: core, want: capitalised };
      if (!first && !afterBreak && isUpper(initial) && core.length > 1) return { word: core, want: initial.toLowerCase() + core.slice(1) };
    } else if (style === 'title') {
      const minor = MINOR_WORDS.has(core.toLowerCase()) && !first && !afterBreak && !last;
      if (!minor && isLower(initial)) return { word: core, want: capitalised };
      if (minor && isUpper(initial)) return { word: core, want: core.toLowerCase() };
    }
  }
  return null;
}

const rule: Rule = {
  id: 'naming-convention',
  name: 'NamingConvention',
  description: 'Spec ids and titles follow the project\'s naming conventions.',
  help: 'Consistent ids and titles make lists, graphs and search results easy to scan. Ids must match option `id_pattern` (default: lower-case words joined by single hyphens). Titles must be at most `title_max_length` characters (default 80), must not end with a period when `title_no_trailing_period` is true (the default), and follow `title_case`: `sentence` (only the first word and words after a colon capitalised), `title` (every word but short function words capitalised) or `any` (the default). Acronyms and names with inner capitals (API, OAuth, iOS) are accepted in any style; proper nouns in sentence case are not recognised, so the case check stays off unless chosen.',
  helpMarkdown: 'With `title_case: sentence`:\n\nInvalid:\n\n```yaml\nid: User_Login\ntitle: User Login With Passwords.\n```\n\nValid:\n\n```yaml\nid: user-login\ntitle: User login with passwords\n```',
  defaultSeverity: 'warn',
  optionsSchema: {
    type: 'object',
    properties: {
      id_pattern: { type: 'string', minLength: 1, description: 'Regular expression every spec id must match.' },
      title_max_length: { type: 'integer', minimum: 1, description: 'Longest allowed title, in characters.' },
      title_case: { enum: ['sentence', 'title', 'any'], description: 'Capitalisation of titles.' },
      title_no_trailing_period: { type: 'boolean', description: 'Titles do not end with a period.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { id_pattern: DEFAULT_ID_PATTERN, title_max_length: 80, title_case: 'any', title_no_trailing_period: true },
  tags: ['naming', 'metadata'],
  precision: 'medium',
  check(ctx) {
    const idSource = String(ctx.options.id_pattern ?? DEFAULT_ID_PATTERN);
    const idPattern = optionRegExp(ctx, rule.id, ['id_pattern'], idSource);
    const maxLength = Number(ctx.options.title_max_length ?? 80);
    const style = String(ctx.options.title_case ?? 'any');
    const noPeriod = ctx.options.title_no_trailing_period !== false;
    for (const spec of ctx.specs) {
      if (spec.id && idPattern && !idPattern.test(spec.id)) {
        const pos = ctx.locate(spec, ['id']);
        ctx.report({
          spec, line: pos.line, column: pos.column, key: 'id',
          message: `Spec id "${spec.id}" does not match the naming pattern ${idSource}`,
          fix: 'Rename the id to match the pattern, and update depends_on entries and references that use it.',
        });
      }
      const title = spec.title.trim();
      if (!title) continue;
      // Located only when reporting: finding a key's position re-reads and re-parses the file.
      const at = () => {
        const pos = ctx.locate(spec, ['title']);
        return { spec, line: pos.line, column: pos.column };
      };
      const length = [...title].length;
      if (length > maxLength) {
        ctx.report({ ...at(), key: 'title-length', message: `Title is ${length} characters long; the limit is ${maxLength}`, fix: 'Shorten the title; details belong in the body.' });
      }
      if (noPeriod && /[^.]\.$|^\.$/.test(title)) {
        ctx.report({ ...at(), key: 'title-period', message: 'Title ends with a period', fix: 'Remove the period at the end of the title.' });
      }
      const problem = style === 'any' ? null : caseProblem(title, style);
      if (problem) {
        ctx.report({
          ...at(), key: 'title-case', message: `Title is not in ${style} case: "${problem.word}" should be "${problem.want}"`,
          fix: style === 'sentence' ? 'Capitalise only the first word (and names, which the rule cannot tell apart).' : 'Capitalise every word except short function words such as "of", "and" or "the" in the middle.',
        });
      }
    }
  },
};
export default rule;
