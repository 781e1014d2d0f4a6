import { SddError } from '../core/shared/errors.js';
import { ftsLiteral } from './query.js';
import type { Db } from './db.js';

export interface SearchRequest {
  text: string;
  type: 'spec' | 'requirement';
  domain?: string[];
  status?: string[];
  limit: number;
}

export interface SearchHit {
  id: string;
  title: string;
  status: string;
  domain: string | null;
  file: string;
  /** bm25 score: lower is better (SQLite's convention). */
  score: number;
  /** Text around the matches; matched terms are wrapped in HIGHLIGHT_OPEN / HIGHLIGHT_CLOSE. */
  snippet: string;
  requirement?: { id: string; line: number; keyword: string | null };
}

export const HIGHLIGHT_OPEN = '\u0002';
export const HIGHLIGHT_CLOSE = '\u0003';

/** The longest body (in characters) whose search snippet highlights the matched words. */
export const SNIPPET_BODY_LIMIT = 32 * 1024;

/** Title matches weigh most, then requirement text, then the body. */
const SPEC_WEIGHTS = 'bm25(spec_fts, 10.0, 1.0, 4.0)';

// @sdd query-language/QRY-005
/**
 * Turns whatever the user typed into a safe FTS5 expression: "quoted phrases" stay phrases, a
 * trailing * on a word makes a prefix, and every other character only separates words. Each
 * term becomes an FTS5 string literal, so operators, quotes, NEAR, parentheses and the like in
 * user text are searched for as words, never interpreted. All terms must match.
 */
export function toFtsQuery(text: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"?|([\p{L}\p{N}_]+)(\*)?/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}_]+/gu);
      if (words) terms.push(ftsLiteral(words.join(' ')));
    } else {
      terms.push(ftsLiteral(m[2], m[3] === '*'));
    }
  }
  return terms.length ? terms.join(' ') : null;
}

// @sdd query-language/QRY-004
/**
 * Ranked full-text search. Ranking runs over every match; snippets are computed afterwards for
 * the returned page only, which keeps common terms cheap.
 */
export function search(db: Db, req: SearchRequest): { fts: string; hits: SearchHit[] } {
  const fts = toFtsQuery(req.text);
  if (fts === null) {
    throw new SddError('invalid_argument', `Nothing to search for in "${req.text}"`, { fix: 'Give at least one word, e.g. `sdd search "token refresh"`.' });
  }
  const filters: string[] = [];
  const params: Array<string | number> = [fts];
  if (req.domain?.length) {
    filters.push(`s.domain IN (${req.domain.map(() => '?').join(', ')})`);
    params.push(...req.domain);
  }
  if (req.status?.length) {
    filters.push(`s.status IN (${req.status.map(() => '?').join(', ')})`);
    params.push(...req.status);
  }
  const where = filters.map((f) => ` AND ${f}`).join('');
  const snip = (table: string, column: number) => `snippet(${table}, ${column}, '${HIGHLIGHT_OPEN}', '${HIGHLIGHT_CLOSE}', '…', 16)`;

  if (req.type === 'requirement') {
    const ranked = db.prepare(`SELECT r.rowid AS rowid, s.id, s.title, s.status, s.domain, s.path AS file, bm25(req_fts) AS score, r.req_id, r.line, r.keyword
      FROM req_fts JOIN requirements r ON r.rowid = req_fts.rowid JOIN specs s ON s.rowid = r.spec
      WHERE req_fts MATCH ?${where} ORDER BY score, s.id, r.line LIMIT ?`).all(...params, req.limit) as Array<Omit<SearchHit, 'snippet' | 'requirement'> & { rowid: number; req_id: string; line: number; keyword: string | null }>;
    const snippets = snippetsFor(db, 'req_fts', snip('req_fts', 0), fts, ranked.map((r) => r.rowid));
    return {
      fts,
      hits: ranked.map(({ rowid, req_id, line, keyword, ...h }) => ({ ...h, snippet: snippets.get(rowid) ?? '', requirement: { id: req_id, line, keyword } })),
    };
  }
  const ranked = db.prepare(`SELECT s.rowid AS rowid, s.id, s.title, s.status, s.domain, s.path AS file, ${SPEC_WEIGHTS} AS score
    FROM spec_fts JOIN specs s ON s.rowid = spec_fts.rowid
    WHERE spec_fts MATCH ?${where} ORDER BY score, s.id LIMIT ?`).all(...params, req.limit) as Array<Omit<SearchHit, 'snippet'> & { rowid: number }>;
  // FTS5's snippet() costs far more than linear time in a long body full of matches (minutes for
  // a common word in a 1 MB spec), so long bodies show their opening words instead.
  const specSnippet = `CASE WHEN (SELECT length(body) FROM spec_text WHERE rowid = spec_fts.rowid) > ${SNIPPET_BODY_LIMIT} THEN substr((SELECT body FROM spec_text WHERE rowid = spec_fts.rowid), 1, 120) || '…' ELSE ${snip('spec_fts', -1)} END`;
  const snippets = snippetsFor(db, 'spec_fts', specSnippet, fts, ranked.map((r) => r.rowid));
  return { fts, hits: ranked.map(({ rowid, ...h }) => ({ ...h, snippet: snippets.get(rowid) ?? '' })) };
}

function snippetsFor(db: Db, table: string, expr: string, fts: string, rowids: number[]): Map<number, string> {
  if (rowids.length === 0) return new Map();
  const rows = db.prepare(`SELECT rowid, ${expr} AS snippet FROM ${table} WHERE ${table} MATCH ? AND rowid IN (${rowids.map(() => '?').join(', ')})`).all(fts, ...rowids) as Array<{ rowid: number; snippet: string }>;
  return new Map(rows.map((r) => [r.rowid, r.snippet.replace(/\s+/g, ' ').trim()]));
}
