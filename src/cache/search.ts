import { SddError } from '../core/shared/errors.js';
import { ftsLiteral } from './query.js';
import type { Db } from './db.js';

export interface SearchRequest {
  text: string;
  type: 'spec' | 'requirement';
  domain?: string[];
  status?: string[];
  limit: number;
  /** Also count every match, not only the page returned (`total`); costs a second query only when the page is full. */
  total?: boolean;
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

// Title matches weigh most, then requirement text, then the body: bm25(table, 10.0, 1.0, 4.0).

// @sdd query-language/QRY-009
/** A search split by where each term is looked up: whole words stemmed, prefixes unstemmed. */
export interface FtsQuery {
  /** Words and phrases, for the porter-stemmed tables (`token` finds "tokens"); null if none. */
  stemmed: string | null;
  /** Prefix terms, for the unstemmed tables (`deprecat*` finds "deprecated"); null if none. */
  prefixes: string | null;
}

/** The longest body (in characters) whose search snippet highlights the matched words. */
export const SNIPPET_BODY_LIMIT = 32 * 1024;

// @sdd query-language/QRY-005
/**
 * Turns whatever the user typed into safe FTS5 expressions: "quoted phrases" stay phrases, a
 * trailing * on a word makes a prefix, and every other character only separates words. Each
 * term becomes an FTS5 string literal, so operators, quotes, NEAR, parentheses and the like in
 * user text are searched for as words, never interpreted. All terms must match.
 */
export function toFtsQuery(text: string): FtsQuery | null {
  const stemmed: string[] = [];
  const prefixes: string[] = [];
  const re = /"([^"]*)"?|([\p{L}\p{N}_]+)(\*)?/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}_]+/gu);
      if (words) stemmed.push(ftsLiteral(words.join(' ')));
    } else if (m[3] === '*') {
      prefixes.push(ftsLiteral(m[2], true));
    } else {
      stemmed.push(ftsLiteral(m[2]));
    }
  }
  if (stemmed.length === 0 && prefixes.length === 0) return null;
  return { stemmed: stemmed.length ? stemmed.join(' ') : null, prefixes: prefixes.length ? prefixes.join(' ') : null };
}

/** Both halves as one line, for `--json` output. */
export function ftsText(q: FtsQuery): string {
  return [q.stemmed, q.prefixes].filter((x) => x !== null).join(' ');
}

// @sdd query-language/QRY-004
/**
 * Ranked full-text search. Ranking runs over every match; snippets are computed afterwards for
 * the returned page only, which keeps common terms cheap. Words rank in the stemmed table and
 * prefixes filter through the unstemmed one; a search of prefixes only ranks there.
 */
export function search(db: Db, req: SearchRequest): { fts: string; hits: SearchHit[]; total: number } {
  const q = toFtsQuery(req.text);
  if (q === null) {
    throw new SddError('invalid_argument', `Nothing to search for in "${req.text.length > 80 ? `${req.text.slice(0, 80)}…` : req.text}"`, { fix: 'Give at least one word, e.g. `sdd search "token refresh"`.' });
  }
  const requirement = req.type === 'requirement';
  const [stemTable, wordTable] = requirement ? ['req_fts', 'req_words'] : ['spec_fts', 'spec_words'];
  const rankTable = q.stemmed !== null ? stemTable : wordTable;
  const rankMatch = q.stemmed ?? q.prefixes!;
  const filters: string[] = [];
  const params: Array<string | number> = [rankMatch];
  const rowidOf = requirement ? 'r.rowid' : 's.rowid';
  if (q.stemmed !== null && q.prefixes !== null) {
    filters.push(`${rowidOf} IN (SELECT rowid FROM ${wordTable} WHERE ${wordTable} MATCH ?)`);
    params.push(q.prefixes);
  }
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
  const fts = ftsText(q);
  const from = requirement
    ? `${rankTable} JOIN requirements r ON r.rowid = ${rankTable}.rowid JOIN specs s ON s.rowid = r.spec`
    : `${rankTable} JOIN specs s ON s.rowid = ${rankTable}.rowid`;
  const totalOf = (returned: number) => (req.total && returned >= req.limit
    ? db.prepare(`SELECT count(*) FROM ${from} WHERE ${rankTable} MATCH ?${where}`).pluck().get(...params) as number
    : returned);

  if (requirement) {
    const ranked = db.prepare(`SELECT r.rowid AS rowid, s.id, s.title, s.status, s.domain, s.path AS file, bm25(${rankTable}) AS score, r.req_id, r.line, r.keyword
      FROM ${rankTable} JOIN requirements r ON r.rowid = ${rankTable}.rowid JOIN specs s ON s.rowid = r.spec
      WHERE ${rankTable} MATCH ?${where} ORDER BY score, s.id, r.line LIMIT ?`).all(...params, req.limit) as Array<Omit<SearchHit, 'snippet' | 'requirement'> & { rowid: number; req_id: string; line: number; keyword: string | null }>;
    const snippets = snippetsFor(db, rankTable, snip(rankTable, 0), rankMatch, ranked.map((r) => r.rowid));
    return {
      fts, total: totalOf(ranked.length),
      hits: ranked.map(({ rowid, req_id, line, keyword, ...h }) => ({ ...h, snippet: snippets.get(rowid) ?? '', requirement: { id: req_id, line, keyword } })),
    };
  }
  const ranked = db.prepare(`SELECT s.rowid AS rowid, s.id, s.title, s.status, s.domain, s.path AS file, bm25(${rankTable}, 10.0, 1.0, 4.0) AS score
    FROM ${rankTable} JOIN specs s ON s.rowid = ${rankTable}.rowid
    WHERE ${rankTable} MATCH ?${where} ORDER BY score, s.id LIMIT ?`).all(...params, req.limit) as Array<Omit<SearchHit, 'snippet'> & { rowid: number }>;
  // FTS5's snippet() costs far more than linear time in a long body full of matches (minutes for
  // a common word in a 1 MB spec), so long bodies show their opening words instead.
  const specSnippet = `CASE WHEN (SELECT length(body) FROM spec_text WHERE rowid = ${rankTable}.rowid) > ${SNIPPET_BODY_LIMIT} THEN substr((SELECT body FROM spec_text WHERE rowid = ${rankTable}.rowid), 1, 120) || '…' ELSE ${snip(rankTable, -1)} END`;
  const snippets = snippetsFor(db, rankTable, specSnippet, rankMatch, ranked.map((r) => r.rowid));
  return { fts, total: totalOf(ranked.length), hits: ranked.map(({ rowid, ...h }) => ({ ...h, snippet: snippets.get(rowid) ?? '' })) };
}

function snippetsFor(db: Db, table: string, expr: string, fts: string, rowids: number[]): Map<number, string> {
  if (rowids.length === 0) return new Map();
  const rows = db.prepare(`SELECT rowid, ${expr} AS snippet FROM ${table} WHERE ${table} MATCH ? AND rowid IN (${rowids.map(() => '?').join(', ')})`).all(fts, ...rowids) as Array<{ rowid: number; snippet: string }>;
  return new Map(rows.map((r) => [r.rowid, r.snippet.replace(/\s+/g, ' ').trim()]));
}
