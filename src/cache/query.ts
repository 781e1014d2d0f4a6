import { SddError } from '../core/shared/errors.js';
import type { QueryNode } from '../core/query/ast.js';
import { SUMMARY_COLUMNS, toSummary, type SpecSummary } from './read.js';
import type { Db } from './db.js';

/** A compiled query: a WHERE clause over `specs s` and its positional parameters. */
export interface CompiledQuery {
  where: string;
  params: Array<string | number>;
  /** Field names that are not built in, i.e. looked up among extra front-matter keys. */
  extraFields: string[];
}

const COLUMNS: Record<string, string> = {
  id: 's.id', title: 's.title', status: 's.status', kind: 's.kind', domain: 's.domain', owner: 's.owner',
  created: 's.created', updated: 's.updated', file: 's.path', path: 's.path', hash: 's.content_hash',
};
const LIST_FIELDS: Record<string, string> = { tag: 'tag', tags: 'tag', reviewer: 'reviewer', reviewers: 'reviewer', code: 'code' };
const DATE_RANGES: Record<string, [string, '>' | '<']> = {
  created_after: ['s.created', '>'], created_before: ['s.created', '<'],
  updated_after: ['s.updated', '>'], updated_before: ['s.updated', '<'],
  modified_after: ['s.updated', '>'], modified_before: ['s.updated', '<'],
};

const APPROVAL_STATES = ['approved', 'suspect', 'stale', 'rejected', 'pending', 'none'];
const TRUE = /^(true|yes|1)$/i;
const FALSE = /^(false|no|0)$/i;

/** Fields the language knows besides extra front-matter keys (for help and errors). */
export const QUERY_FIELDS = [
  ...Object.keys(COLUMNS), 'phase', ...Object.keys(LIST_FIELDS), 'depends_on', 'dependent_of', 'requirement', 'text', 'approved', 'approval', 'approver', ...Object.keys(DATE_RANGES),
].filter((f, i, all) => all.indexOf(f) === i);

const NUMBER = /^-?\d+(\.\d+)?$/;

// @sdd query-language/QRY-002
/** Quotes user text for FTS5 MATCH: always a string literal, so it can never be FTS5 syntax. */
export function ftsLiteral(value: string, prefix = false): string {
  return `"${value.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

// @sdd query-language/QRY-002
/**
 * Compiles a query AST to SQL. User values only ever travel as bound parameters; column names
 * come from the fixed tables above, so no query text is spliced into SQL or into a MATCH string.
 */
export function compileQuery(ast: QueryNode): CompiledQuery {
  const params: Array<string | number> = [];
  const extra = new Set<string>();
  const p = (v: string | number) => (params.push(v), '?');

  const textCompare = (col: string, op: string, value: string, prefix: boolean): string => {
    if (op === ':') return prefix ? `${col} LIKE ${p(likePattern(value))} ESCAPE '\\'` : `${col} = ${p(value)} COLLATE NOCASE`;
    if (op === '=') return prefix ? `substr(${col}, 1, ${p(value.length)}) = ${p(value)}` : `${col} = ${p(value)}`;
    return `${col} ${op} ${p(value)}`;
  };

  const leaf = (n: Extract<QueryNode, { type: 'field' }>): string => {
    const field = n.field.toLowerCase();
    const { op, value, prefix } = n;
    if (field in COLUMNS) return textCompare(COLUMNS[field], op, value, prefix);
    if (field === 'phase') {
      if (NUMBER.test(value) && !prefix) return op === ':' || op === '=' ? `(s.phase_num = ${p(Number(value))} OR s.phase = ${p(value)})` : `s.phase_num ${op} ${p(Number(value))}`;
      return textCompare('s.phase', op, value, prefix);
    }
    if (field in DATE_RANGES) {
      const [col, cmp] = DATE_RANGES[field];
      return `${col} ${cmp} ${p(value)}`;
    }
    if (field === 'reviewer' || field === 'reviewers') {
      // Named in front matter, asked in a review request, or whose decision counts.
      const listed = `EXISTS (SELECT 1 FROM fields f WHERE f.spec = s.rowid AND f.key = ${p('reviewer')} AND ${textCompare('f.value', op, value, prefix)})`;
      return `(${listed} OR EXISTS (SELECT 1 FROM approval_people ap WHERE ap.spec_id = s.id AND ${textCompare('ap.principal', op, value, prefix)}))`;
    }
    if (field === 'approver') return `EXISTS (SELECT 1 FROM approval_people ap WHERE ap.spec_id = s.id AND ap.role = 'approved' AND ${textCompare('ap.principal', op, value, prefix)})`;
    if (field === 'approved') {
      // Computed from signed decisions (a quorum on the current content), never from front matter.
      const yes = `EXISTS (SELECT 1 FROM approval_state a WHERE a.spec_id = s.id AND a.state IN ('approved', 'suspect'))`;
      if (TRUE.test(value)) return yes;
      if (FALSE.test(value)) return `NOT ${yes}`;
      throw new SddError('invalid_argument', `approved: takes true or false, got "${value}"`, { fix: 'Write approved:true or approved:false (approval:<state> matches a state).' });
    }
    if (field === 'approval') {
      const state = value.toLowerCase();
      if (!APPROVAL_STATES.includes(state)) throw new SddError('invalid_argument', `Unknown approval state "${value}"`, { fix: `Use one of: ${APPROVAL_STATES.join(', ')}.` });
      const stateOf = `coalesce((SELECT a.state FROM approval_state a WHERE a.spec_id = s.id), 'none')`;
      return `${stateOf} = ${p(state)}`;
    }
    if (field in LIST_FIELDS) return `EXISTS (SELECT 1 FROM fields f WHERE f.spec = s.rowid AND f.key = ${p(LIST_FIELDS[field])} AND ${textCompare('f.value', op, value, prefix)})`;
    if (field === 'depends_on') return `EXISTS (SELECT 1 FROM deps d WHERE d.spec = s.rowid AND ${textCompare('d.depends_on', op, value, prefix)})`;
    if (field === 'dependent_of') {
      // Transitive: every spec that reaches `value` through depends_on edges.
      return `s.id IN (WITH RECURSIVE up(id) AS (SELECT ${p(value)} UNION SELECT s2.id FROM deps d JOIN specs s2 ON s2.rowid = d.spec JOIN up ON d.depends_on = up.id) SELECT id FROM up WHERE id <> ${p(value)})`;
    }
    if (field === 'requirement' || field === 'req') return `EXISTS (SELECT 1 FROM requirements r WHERE r.spec = s.rowid AND ${textCompare('r.req_id', op, value, prefix)})`;
    if (field === 'text') return fullText(value, prefix);
    extra.add(n.field);
    // Placeholders are numbered in the order they are created: the key's must come first.
    const key = p(n.field);
    const numeric = NUMBER.test(value) && op !== ':' && op !== '=';
    const cmp = numeric ? `f.num ${op} ${p(Number(value))}` : textCompare('f.value', op, value, prefix);
    return `EXISTS (SELECT 1 FROM fields f WHERE f.spec = s.rowid AND f.key = ${key} AND ${cmp})`;
  };

  const fullText = (value: string, prefix: boolean) => `s.rowid IN (SELECT rowid FROM spec_fts WHERE spec_fts MATCH ${p(ftsLiteral(value, prefix))})`;

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
  return { where: walk(ast), params, extraFields: [...extra] };
}

/** Sort keys: the expression, and whether specs without a value go last (in either direction). */
const ORDER: Record<string, { expr: string; nullable?: string }> = {
  id: { expr: 's.id' },
  title: { expr: 's.title COLLATE NOCASE' },
  status: { expr: "CASE s.status WHEN 'draft' THEN 0 WHEN 'review' THEN 1 WHEN 'approved' THEN 2 WHEN 'implemented' THEN 3 WHEN 'deprecated' THEN 4 ELSE 5 END" },
  phase: { expr: 's.phase_num, s.phase', nullable: 's.phase IS NULL' },
  domain: { expr: 's.domain', nullable: 's.domain IS NULL' },
  updated: { expr: 's.updated', nullable: 's.updated IS NULL' },
  created: { expr: 's.created', nullable: 's.created IS NULL' },
  file: { expr: 's.path' },
};

/** The SQL ORDER BY for a `--sort` key (`-key` reverses); missing values last; ties by id, path. */
export function orderBy(key: string): string {
  const reverse = key.startsWith('-');
  const name = reverse ? key.slice(1) : key;
  const order = ORDER[name];
  if (!order) throw new SddError('invalid_argument', `Cannot sort by "${name}"`, { fix: `Use one of: ${Object.keys(ORDER).join(', ')} (prefix with - to reverse).` });
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
  return (db.prepare(querySql(compiled, req)).all(...compiled.params) as Parameters<typeof toSummary>[0][]).map(toSummary);
}

export function countQuery(db: Db, compiled: CompiledQuery): number {
  return db.prepare(querySql(compiled, {}, true)).pluck().get(...compiled.params) as number;
}

/** Extra field names that no indexed spec has: likely typos, worth a warning. */
export function unknownFields(db: Db, fields: string[]): string[] {
  const has = db.prepare('SELECT 1 FROM fields WHERE key = ? LIMIT 1').pluck();
  return fields.filter((f) => has.get(f) === undefined);
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
  if (groups.length === 0) return { where: '1', params: [], extraFields: [] };
  return compileQuery(groups.length === 1 ? groups[0] : { type: 'and', children: groups, start: 0, end: 0 });
}

/** Files of the specs a query selects (for policy scopes). */
export function specFilesMatching(db: Db, ast: QueryNode): Set<string> {
  const compiled = compileQuery(ast);
  return new Set(db.prepare(`SELECT s.path FROM specs s WHERE ${compiled.where}`).pluck().all(...compiled.params) as string[]);
}
