import type { Command } from 'commander';
import { action, commaList } from '../command.js';
import { examples, note, style, writeJson } from '../output.js';
import { SddError } from '../core/shared/errors.js';
import { parseLimit } from '../core/query/limit.js';
import { HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, search } from '../cache/search.js';
import type { Env } from '../env.js';

export interface SearchOptions {
  args: string[];
  domain?: string[];
  status?: string[];
  type: string;
  limit: string;
}

export function register(program: Command): void {
  program
    .command('search')
    .description('full-text search over titles, bodies and requirements, best matches first')
    .argument('<text...>', 'words to find; "quoted phrases" and trailing * prefixes work')
    .option('--domain <domain>', 'only these domains (comma-separated or repeated)', commaList)
    .option('--status <status>', 'only these statuses (comma-separated or repeated)', commaList)
    .option('--type <type>', 'spec (whole specs) or requirement (single requirements)', 'spec')
    .option('--limit <n>', 'at most n results (the JSON count stays the number of matches)', '20')
    // `sdd search -legacy` searches for the word: unknown dashes are text, not options.
    .allowUnknownOption()
    .addHelpText('after', examples(
      ['sdd search token refresh', 'specs mentioning both words; titles count most'],
      ['sdd search \'"token refresh"\' --domain auth', 'an exact phrase, in one domain'],
      ['sdd search rotate token --type requirement', 'matching requirements, each with its line'],
      ['sdd search refr* --json', 'prefix search; snippets mark matches with <mark>…</mark>'],
    ) + '\nAny text is safe to search for: punctuation and search operators are treated as plain words.\nWhole words also match their stemmed forms (tokens finds token); a prefix matches words as written.\n')
    .action(action(run));
}

export async function run(env: Env, options: SearchOptions): Promise<number> {
  const text = options.args.join(' ');
  if (options.type !== 'spec' && options.type !== 'requirement') {
    throw new SddError('invalid_argument', `--type must be spec or requirement, not "${options.type}"`, { fix: 'Use `--type spec` or `--type requirement`.' });
  }
  const limit = parseLimit(options.limit, '--limit', 1);

  const request = { text, type: options.type as 'spec' | 'requirement', domain: options.domain, status: options.status, limit, total: env.json };
  const { answer: { fts, hits, total } } = await env.openCache({ read: (db) => search(db, request) });

  if (env.json) {
    const mark = (s: string) => s.replaceAll(HIGHLIGHT_OPEN, '<mark>').replaceAll(HIGHLIGHT_CLOSE, '</mark>');
    writeJson(env, {
      // count is the number of matches, as in `sdd query`; --limit only shortens the results.
      query: text, fts, type: options.type, count: total,
      results: hits.map((h) => ({
        id: h.id, title: h.title, status: h.status, domain: h.domain, file: h.file, score: Number(h.score.toFixed(4)),
        ...(h.requirement ? { requirement: h.requirement.id, line: h.requirement.line, keyword: h.requirement.keyword } : {}),
        snippet: mark(h.snippet),
      })),
    });
    return 0;
  }
  const paint = await style(env);
  const highlight = (s: string) => withoutMarkup(s).replace(new RegExp(`${HIGHLIGHT_OPEN}([^${HIGHLIGHT_CLOSE}]*)${HIGHLIGHT_CLOSE}`, 'g'), (_, w: string) => (env.isTTY ? paint.bold(w) : w));
  if (!env.isTTY) {
    // stdout stays empty for scripts; a person reading a pipe's stderr still learns why.
    if (hits.length === 0) note(env, `No matches for "${text}".`);
    env.stdout.write(hits.map((h) => [h.id, h.requirement ? `${h.requirement.id}:${h.requirement.line}` : h.file, h.title, highlight(h.snippet)].join('\t') + '\n').join(''));
    return 0;
  }
  if (hits.length === 0) env.stdout.write(paint.dim(`No matches for "${text}".`) + '\n');
  for (const h of hits) {
    const where = h.requirement ? `${h.file}:${h.requirement.line}  ${h.requirement.id}` : h.file;
    env.stdout.write(`${paint.bold(h.id)}  ${h.title}  ${paint.dim(`[${h.status}] ${where}`)}\n  ${highlight(h.snippet)}\n`);
  }
  return 0;
}

/**
 * A snippet as a reader sees the text: heading marks, emphasis and code backticks are Markdown's
 * syntax, not the spec's words (the index keeps them; only the display drops them).
 */
export function withoutMarkup(snippet: string): string {
  return snippet
    .replace(/(^|\s)#{1,6}\s+/g, '$1')
    .replace(/\*\*|__|`+/g, '')
    .replace(/(^|\s)[*_]([^*_\s][^*_]*?)[*_](?=\s|[.,;:!?]|$)/g, '$1$2');
}
