import { SddError } from '../core/shared/errors.js';
import type { QueryNode } from '../core/query/ast.js';
import { BUILTIN_FIELDS, QUERY_FIELDS, builtinField, dateBoundColumn, isComparison, queryNumber } from '../core/query/fields.js';
import { containsWords } from '../core/query/words.js';
import { isoInstant, nextDay, parseIsoDate } from '../core/shared/date.js';
import { closest } from '../core/spec/lookup.js';
import { SUMMARY_COLUMNS, toSummary, type SpecSummary } from './read.js';
import type { Db } from './db.js';

/** A compiled query: a WHERE clause over `specs s` and its positional parameters. */
export interface CompiledQuery {
  where: string;
  params: Array<string | number>;
  /** Field names that are not built in, i.e. looked up among extra front-matter keys. */
  extraFields: string[];
  /** Values asked of `kind:`, an open set: one that no spec has is worth a warning. */
  kinds: string[];
}

export { QUERY_FIELDS };

/** Built-in fields stored in a column of `specs`, by canonical name. */
const COLUMNS = new Map([
  ['id', 's.id'], ['title', 's.title'], ['status', 's.status'], ['kind', 's.kind'], ['domain', 's.domain'], ['owner', 's.owner'],
  ['created', 's.created'], ['updated', 's.updated'], ['file', 's.path'], ['hash', 's.content_hash'], ['phase', 's.phase'],
]);
/** Built-in list fields, by the key their items are stored under in `fields`. */
const LIST_KEYS = new Map([['tag', 'tag'], ['reviewer', 'reviewer'], ['code', 'code']]);
/** Only well-formed dates take part in date comparisons; `updated: soon` is never "after" anything. */
const DATE_SHAPE = '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*';

// @sdd query-language/QRY-002
/** Quotes user text for FTS5 MATCH: always a string literal, so it can never be FTS5 syntax. */
export function ftsLiteral(value: string, prefix = false): string {
  // FTS5 reads its query as a C string: a NUL would end it inside the literal. It separates words anyway.
  return `"${value.replace(/\0/g, ' ').replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/** The SQL functions compiled queries call; registered on each connection before it runs one. */
function withFunctions(db: Db): Db {
  db.function('sdd_words', { deterministic: true }, (haystack: unknown, needle: unknown, prefix: unknown) => (typeof haystack === 'string' && containsWords(haystack, String(needle), prefix === 1) ? 1 : 0));
  return db;
}

type FieldNode = Extract<QueryNode, { type: 'field' }>;

// @sdd query-language/QRY-002
/**
 * Compiles a (validated) query AST to SQL. User values only ever travel as bound parameters;
 * column names come from the fixed maps above, so no query text is spliced into SQL or MATCH.
 */
export function compileQuery(ast: QueryNode): CompiledQuery {
  const params: Array<string | number> = [];
  const extra = new Set<string>();
  const kinds = new Set<string>();
  const p = (v: string | number) => (params.push(v), '?');

  /** `:` and `=` on a stored value: keywords whole (case-insensitive for `:`), prose by words. */
  const match = (col: string, n: FieldNode, words = false): string => {
    const { op, value, prefix } = n;
    if (op === '=') return prefix ? `substr(${col}, 1, ${p(value.length)}) = ${p(value)}` : `${col} = ${p(value)}`;
    if (words) return `sdd_words(${col}, ${p(value)}, ${p(prefix ? 1 : 0)})`;
    return prefix ? `${col} LIKE ${p(likePattern(value))} ESCAPE '\\'` : `${col} = ${p(value)} COLLATE NOCASE`;
  };

  /** `col OP date` for a validated ISO operand; a bare date stands for its whole UTC day. */
  const dateCompare = (col: string, op: string, value: string): string => {
    const d = parseIsoDate(value)!;
    const shaped = `${col} GLOB ${p(DATE_SHAPE)}`;
    if (!d.dateOnly) return `${shaped} AND ${col} ${op} ${p(isoInstant(d.ms))}`;
    if (op === '>') return `${shaped} AND ${col} >= ${p(nextDay(d.ms))}`;
    if (op === '<=') return `${shaped} AND ${col} < ${p(nextDay(d.ms))}`;
    return `${shaped} AND ${col} ${op} ${p(d.day)}`;
  };

  const fieldRow = (key: string, cond: string) => `EXISTS (SELECT 1 FROM fields f WHERE f.spec = s.rowid AND f.key = ${key} AND ${cond})`;

  /** A front-matter key that is not built in: any name, nested keys as `a.b`. */
  const extraLeaf = (n: FieldNode): string => {
    extra.add(n.field);
    // Placeholders are numbered in the order they are created: the key's must come first.
    const key = p(n.field);
    if (isComparison(n.op)) {
      const num = queryNumber(n.value);
      return fieldRow(key, num !== null ? `f.num ${n.op} ${p(num)}` : dateCompare('f.value', n.op, n.value));
    }
    // A number is one value, not words: `estimate:5` must not find 5.5.
    const num = n.prefix || n.op !== ':' ? null : queryNumber(n.value);
    if (num !== null) return fieldRow(key, `(f.num = ${p(num)} OR f.value = ${p(n.value)} COLLATE NOCASE)`);
    return fieldRow(key, match('f.value', n, n.op === ':'));
  };

  // @sdd query-language/QRY-007
  /** `has:<field>`: the field holds a value (a list at least one item); empty strings do not count. */
  const presence = (n: FieldNode): string => {
    const target = BUILTIN_FIELDS.get(n.value.toLowerCase());
    const name = target?.name;
    const col = name === undefined ? undefined : COLUMNS.get(name);
    if (col !== undefined) return `(${col} IS NOT NULL AND ${col} <> '')`;
    const listKey = name === undefined ? undefined : LIST_KEYS.get(name);
    if (listKey !== undefined) return fieldRow(p(listKey), "f.value <> ''");
    if (name === 'depends_on') return 'EXISTS (SELECT 1 FROM deps d WHERE d.spec = s.rowid)';
    if (name === 'requirement') return 'EXISTS (SELECT 1 FROM requirements r WHERE r.spec = s.rowid)';
    if (name === 'approver') return "EXISTS (SELECT 1 FROM approval_people ap WHERE ap.spec_id = s.id AND ap.role = 'approved')";
    extra.add(n.value);
    return `EXISTS (SELECT 1 FROM fields f WHERE f.spec = s.rowid AND (f.key = ${p(n.value)} OR substr(f.key, 1, ${p(n.value.length + 1)}) = ${p(`${n.value}.`)}) AND f.value <> '')`;
  };

  const leaf = (n: FieldNode): string => {
    const info = builtinField(n);
    if (info === undefined) return extraLeaf(n);
    const { op, value } = n;
    switch (info.type) {
      case 'status':
        return match('s.status', n);
      case 'words':
        return match(COLUMNS.get(info.name)!, n, op === ':');
      case 'date':
        return isComparison(op) ? dateCompare(COLUMNS.get(info.name)!, op, value) : match(COLUMNS.get(info.name)!, n);
      case 'phase': {
        const num = queryNumber(value);
        if (isComparison(op)) return `s.phase_num ${op} ${p(num!)}`;
        if (num !== null && !n.prefix) return `(s.phase_num = ${p(num)} OR s.phase = ${p(value)})`;
        return match('s.phase', n);
      }
      case 'after':
      case 'before':
        return dateCompare(`s.${dateBoundColumn(n.field)}`, info.type === 'after' ? '>' : '<', value);
      case 'approved': {
        // Computed from signed decisions (a quorum on the current content), never from front matter.
        const yes = "EXISTS (SELECT 1 FROM approval_state a WHERE a.spec_id = s.id AND a.state IN ('approved', 'suspect'))";
        return /^(true|yes|1)$/i.test(value) ? yes : `NOT ${yes}`;
      }
      case 'approval':
        return `coalesce((SELECT a.state FROM approval_state a WHERE a.spec_id = s.id), 'none') = ${p(value.toLowerCase())}`;
      case 'dependent':
        // Transitive: every spec that reaches `value` through depends_on edges.
        return `s.id IN (WITH RECURSIVE up(id) AS (SELECT ${p(value)} UNION SELECT s2.id FROM deps d JOIN specs s2 ON s2.rowid = d.spec JOIN up ON d.depends_on = up.id) SELECT id FROM up WHERE id <> ${p(value)})`;
      case 'text':
        return fullText(value, n.prefix);
      case 'has':
        return presence(n);
      case 'no':
        return `NOT coalesce(${presence(n)}, 0)`;
      case 'keyword':
      default:
    }
    if (info.name === 'kind' && !n.prefix) kinds.add(value);
    const col = COLUMNS.get(info.name);
    if (col !== undefined) return match(col, n);
    const listKey = LIST_KEYS.get(info.name);
    if (info.name === 'reviewer') {
      // Named in front matter, asked in a review request, or whose decision counts.
      const listed = fieldRow(p('reviewer'), match('f.value', n));
      return `(${listed} OR EXISTS (SELECT 1 FROM approval_people ap WHERE ap.spec_id = s.id AND ${match('ap.principal', n)}))`;
    }
    if (listKey !== undefined) return fieldRow(p(listKey), match('f.value', n));
    if (info.name === 'approver') return `EXISTS (SELECT 1 FROM approval_people ap WHERE ap.spec_id = s.id AND ap.role = 'approved' AND ${match('ap.principal', n)})`;
    if (info.name === 'depends_on') return `EXISTS (SELECT 1 FROM deps d WHERE d.spec = s.rowid AND ${match('d.depends_on', n)})`;
    return `EXISTS (SELECT 1 FROM requirements r WHERE r.spec = s.rowid AND ${match('r.req_id', n)})`;
  };

  // A prefix looks among unstemmed words (`deprecat*` must find "deprecated", stored stemmed as "deprec").
  const fullText = (value: string, prefix: boolean) => {
    const table = prefix ? 'spec_words' : 'spec_fts';
    return `s.rowid IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ${p(ftsLiteral(value, prefix))})`;
  };

  const walk = (n: QueryNode): string => {
    switch (n.type) {
      case 'and': return `(${n.children.map(walk).join(' AND ')})`;
      case 'or': return `(${n.children.map(walk).join(' OR ')})`;
      // A comparison with a NULL column is NULL, which WHERE treats as false; under NOT it must
      // become false explicitly (NOT NULL is NULL). Below a NOT everything is monotone, so one
      // coalesce per NOT suffices, and plain comparisons elsewhere keep their indexes usable.
      case 'not': return `NOT coalesce(${walk(n.child)}, 0)`;
      case 'text': return fullText(n.value, n.prefix);
      case 'field': return `(${leaf(n)})`;
    }
  };
  return { where: walk(ast), params, extraFields: [...extra], kinds: [...kinds] };
}

/** Sort keys: the expression, and whether specs without a value go last (in either direction). */
const ORDER = new Map<string, { expr: string; nullable?: string }>([
  ['id', { expr: 's.id' }],
  ['title', { expr: 's.title COLLATE NOCASE' }],
  ['status', { expr: "CASE s.status WHEN 'draft' THEN 0 WHEN 'review' THEN 1 WHEN 'approved' THEN 2 WHEN 'implemented' THEN 3 WHEN 'deprecated' THEN 4 ELSE 5 END" }],
  ['phase', { expr: 's.phase_num, s.phase', nullable: 's.phase IS NULL' }],
  ['domain', { expr: 's.domain', nullable: 's.domain IS NULL' }],
  ['updated', { expr: 's.updated', nullable: 's.updated IS NULL' }],
  ['created', { expr: 's.created', nullable: 's.created IS NULL' }],
  ['file', { expr: 's.path' }],
]);

/** The `--sort` keys, for help and errors. */
export const SORT_KEYS: readonly string[] = [...ORDER.keys()];

/** The SQL ORDER BY for a `--sort` key (`-key` reverses); missing values last; ties by id, path. */
export function orderBy(key: string): string {
  const reverse = key.startsWith('-');
  const name = reverse ? key.slice(1) : key;
  const order = ORDER.get(name);
  if (!order) {
    const near = closest(name.slice(0, 64), SORT_KEYS);
    throw new SddError('invalid_argument', `Cannot sort by "${name.length > 64 ? `${name.slice(0, 64)}…` : name}"`, {
      fix: `${near.length ? `Did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : ''}Use one of: ${SORT_KEYS.join(', ')} (prefix with - to reverse).`,
    });
  }
  const dir = reverse ? ' DESC' : '';
  const terms = [...(order.nullable ? [order.nullable] : []), ...order.expr.split(', ').map((e) => e + dir)];
  return terms.join(', ') + (name === 'id' ? ', s.path' : ', s.id, s.path');
}

export interface QueryRequest {
  sort?: string;
  limit?: number;
}

/** The SQL that `runQuery` executes, for `sdd query --sql`. */
export function querySql(compiled: CompiledQuery, req: QueryRequest, count = false): string {
  if (count) return `SELECT count(*) FROM specs s WHERE ${compiled.where}`;
  return `SELECT ${SUMMARY_COLUMNS} FROM specs s WHERE ${compiled.where} ORDER BY ${orderBy(req.sort ?? 'id')}${req.limit !== undefined ? ` LIMIT ${Math.floor(req.limit)}` : ''}`;
}

export function runQuery(db: Db, compiled: CompiledQuery, req: QueryRequest): SpecSummary[] {
  return (withFunctions(db).prepare(querySql(compiled, req)).all(...compiled.params) as Parameters<typeof toSummary>[0][]).map(toSummary);
}

export function countQuery(db: Db, compiled: CompiledQuery): number {
  return withFunctions(db).prepare(querySql(compiled, {}, true)).pluck().get(...compiled.params) as number;
}

/** Extra field names that no indexed spec has (likely typos, worth a warning), each with the closest names that exist. */
export function unknownFields(db: Db, fields: string[]): Array<{ field: string; near: string[] }> {
  const has = db.prepare('SELECT 1 FROM fields WHERE key = ? OR substr(key, 1, ?) = ? LIMIT 1').pluck();
  const unknown = fields.filter((f) => has.get(f, f.length + 1, `${f}.`) === undefined);
  if (unknown.length === 0) return [];
  const keys = [...QUERY_FIELDS, ...(db.prepare('SELECT DISTINCT key FROM fields').pluck().all() as string[])];
  return unknown.map((field) => ({ field, near: closest(field, keys) }));
}

/**
 * The query for `sdd list`'s filters: every given field must match one of its values
 * (`--status review,approved --domain auth` is `(status:review OR status:approved) AND domain:auth`).
 */
export function filterQuery(filters: Record<string, string[] | undefined>): CompiledQuery {
  const groups: QueryNode[] = [];
  for (const [field, values] of Object.entries(filters)) {
    if (!values?.length) continue;
    const terms = values.map((value): QueryNode => ({ type: 'field', field, op: ':', value, quoted: true, prefix: false, start: 0, end: 0 }));
    groups.push(terms.length === 1 ? terms[0] : { type: 'or', children: terms, start: 0, end: 0 });
  }
  if (groups.length === 0) return { where: '1', params: [], extraFields: [], kinds: [] };
  return compileQuery(groups.length === 1 ? groups[0] : { type: 'and', children: groups, start: 0, end: 0 });
}

/** The distinct values of `domain`, `phase` or `kind` that indexed specs have, as text, sorted. */
export function valuesInUse(db: Db, field: 'domain' | 'phase' | 'kind'): string[] {
  const col = field === 'domain' ? 's.domain' : field === 'phase' ? 's.phase' : 's.kind';
  // Numbers are stored as REAL (SQLite would print 2 as "2.0"): JavaScript turns them into text.
  const values = db.prepare(`SELECT DISTINCT ${col} FROM specs s WHERE ${col} IS NOT NULL`).pluck().all() as Array<string | number>;
  return [...new Set(values.map(String))].sort();
}

/** Files of the specs a query selects (for policy scopes). */
export function specFilesMatching(db: Db, ast: QueryNode): Set<string> {
  const compiled = compileQuery(ast);
  return new Set(withFunctions(db).prepare(`SELECT s.path FROM specs s WHERE ${compiled.where}`).pluck().all(...compiled.params) as string[]);
}
