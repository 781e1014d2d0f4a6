import type { Db } from './db.js';
import type { ParseProblem, Spec } from '../core/spec/parse.js';
import type { Requirement } from '../core/spec/requirements.js';
import { KNOWN_KEYS } from '../core/spec/fields.js';

/** The columns `sdd list` and `sdd query` print, without bodies or requirements. */
export interface SpecSummary {
  rowid: number;
  id: string;
  title: string;
  status: string;
  kind: string;
  phase: number | string | null;
  domain: string | null;
  owner: string | null;
  created: string | null;
  updated: string | null;
  tags: string[];
  dependsOn: string[];
  file: string;
}

export const SUMMARY_COLUMNS = 's.rowid, s.id, s.title, s.status, s.kind, s.phase, s.domain, s.owner, s.created, s.updated, s.tags, s.depends_on, s.path';

type SummaryRow = Omit<SpecSummary, 'tags' | 'dependsOn' | 'file'> & { tags: string; depends_on: string; path: string };

export function toSummary(r: SummaryRow): SpecSummary {
  return {
    rowid: r.rowid, id: r.id, title: r.title, status: r.status, kind: r.kind, phase: r.phase, domain: r.domain, owner: r.owner,
    created: r.created, updated: r.updated, tags: JSON.parse(r.tags) as string[], dependsOn: JSON.parse(r.depends_on) as string[], file: r.path,
  };
}

/** Every indexed spec's summary, in id order. */
export function allSummaries(db: Db): SpecSummary[] {
  return (db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM specs s ORDER BY s.id, s.path`).all() as SummaryRow[]).map(toSummary);
}

export function countSpecs(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM specs').get() as { n: number }).n;
}

interface FullRow extends SummaryRow {
  format: Spec['format'];
  content_hash: string;
  body: string;
  body_line: number;
  data: string;
}

function requirementsBySpec(db: Db, rowid?: number): Map<number, Requirement[]> {
  const rows = (rowid === undefined
    ? db.prepare('SELECT spec, req_id, text, line, col, keyword FROM requirements ORDER BY spec, line').all()
    : db.prepare('SELECT spec, req_id, text, line, col, keyword FROM requirements WHERE spec = ? ORDER BY line').all(rowid)) as Array<{ spec: number; req_id: string; text: string; line: number; col: number; keyword: string | null }>;
  const map = new Map<number, Requirement[]>();
  for (const r of rows) {
    let list = map.get(r.spec);
    if (!list) map.set(r.spec, (list = []));
    list.push({ id: r.req_id, text: r.text, line: r.line, column: r.col, keyword: r.keyword });
  }
  return map;
}

function toSpec(r: FullRow, requirements: Requirement[]): Spec {
  const data = JSON.parse(r.data) as Record<string, unknown>;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!KNOWN_KEYS.has(k)) extra[k] = v;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => x !== null && typeof x !== 'object').map(String) : typeof v === 'string' ? [v] : []);
  const s = toSummary(r);
  return {
    id: s.id, title: s.title, status: s.status, kind: s.kind, phase: s.phase, domain: s.domain, owner: s.owner,
    tags: s.tags, dependsOn: s.dependsOn, reviewers: list(data.reviewers), code: list(data.code), created: s.created, updated: s.updated,
    extra, data, body: r.body, bodyLine: r.body_line, requirements, file: s.file, format: r.format, contentHash: r.content_hash,
  };
}

const FULL_COLUMNS = `${SUMMARY_COLUMNS}, s.format, s.content_hash, t.body, s.body_line, s.data`;
const FULL_FROM = 'specs s JOIN spec_text t ON t.rowid = s.rowid';

/** Every indexed spec, complete, in path order. */
export function allSpecs(db: Db): Spec[] {
  const reqs = requirementsBySpec(db);
  return (db.prepare(`SELECT ${FULL_COLUMNS} FROM ${FULL_FROM} ORDER BY s.path`).all() as FullRow[]).map((r) => toSpec(r, reqs.get(r.rowid) ?? []));
}

/** The specs with this id (more than one when the id is duplicated), in path order. */
export function specsById(db: Db, id: string): Spec[] {
  return (db.prepare(`SELECT ${FULL_COLUMNS} FROM ${FULL_FROM} WHERE s.id = ? ORDER BY s.path`).all(id) as FullRow[]).map((r) => toSpec(r, requirementsBySpec(db, r.rowid).get(r.rowid) ?? []));
}

/** Every spec id, with the first file (in path order) that holds it. */
export function filesById(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, min(path) AS path FROM specs GROUP BY id').all() as Array<{ id: string; path: string }>;
  return new Map(rows.map((r) => [r.id, r.path]));
}

export function allIds(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT id FROM specs ORDER BY id').pluck().all() as string[]);
}

/** Files under .sdd/specs that could not be parsed. */
export function parseProblems(db: Db): ParseProblem[] {
  return (db.prepare('SELECT problem FROM files WHERE problem IS NOT NULL ORDER BY path').pluck().all() as string[]).map((p) => JSON.parse(p) as ParseProblem);
}

/** Ids of the specs that list `id` in depends_on, sorted. */
export function directDependents(db: Db, id: string): string[] {
  return db.prepare('SELECT DISTINCT s.id FROM deps d JOIN specs s ON s.rowid = d.spec WHERE d.depends_on = ? ORDER BY s.id').pluck().all(id) as string[];
}

/** All edges `from → to` of the dependency graph. */
export function dependencyEdges(db: Db): Array<{ from: string; to: string }> {
  return db.prepare('SELECT s.id AS "from", d.depends_on AS "to" FROM deps d JOIN specs s ON s.rowid = d.spec ORDER BY s.id, d.position').all() as Array<{ from: string; to: string }>;
}

/**
 * The indexed specs at these project-relative paths, complete, in path order; paths the index
 * does not hold are left out. Reads only their rows, so a few specs out of many stay cheap.
 */
export function specsAtPaths(db: Db, paths: string[]): Spec[] {
  if (paths.length === 0) return [];
  const list = JSON.stringify(paths);
  const rows = db.prepare(`SELECT ${FULL_COLUMNS} FROM ${FULL_FROM} WHERE s.path IN (SELECT value FROM json_each(?)) ORDER BY s.path`).all(list) as FullRow[];
  const reqRows = db.prepare(`SELECT spec, req_id, text, line, col, keyword FROM requirements
    WHERE spec IN (SELECT rowid FROM specs WHERE path IN (SELECT value FROM json_each(?))) ORDER BY spec, line`).all(list) as Array<{ spec: number; req_id: string; text: string; line: number; col: number; keyword: string | null }>;
  const reqs = new Map<number, Requirement[]>();
  for (const r of reqRows) {
    const req = { id: r.req_id, text: r.text, line: r.line, column: r.col, keyword: r.keyword };
    const have = reqs.get(r.spec);
    if (have) have.push(req);
    else reqs.set(r.spec, [req]);
  }
  return rows.map((r) => toSpec(r, reqs.get(r.rowid) ?? []));
}

/** Every indexed spec's file, id and depends_on, in path order: the dependency graph, cheaply. */
export function specNodes(db: Db): Array<{ file: string; id: string; dependsOn: string[] }> {
  return (db.prepare('SELECT path, id, depends_on FROM specs ORDER BY path').all() as Array<{ path: string; id: string; depends_on: string }>)
    .map((r) => ({ file: r.path, id: r.id, dependsOn: JSON.parse(r.depends_on) as string[] }));
}

/** The hash of every indexed file's bytes (git's blob id, see file-hash.ts), by path. */
export function fileHashes(db: Db): Map<string, string> {
  return new Map((db.prepare('SELECT path, file_hash FROM files').all() as Array<{ path: string; file_hash: string }>).map((r) => [r.path, r.file_hash]));
}

/** Every indexed spec's `code:` globs, by spec file. */
export function codeGlobsByFile(db: Db): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of db.prepare("SELECT s.path, f.value FROM fields f JOIN specs s ON s.rowid = f.spec WHERE f.key = 'code'").all() as Array<{ path: string; value: string }>) {
    const list = out.get(r.path);
    if (list) list.push(r.value);
    else out.set(r.path, [r.value]);
  }
  return out;
}
