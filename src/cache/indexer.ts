import type Database from 'better-sqlite3';
import type { Db } from './db.js';
import type { Spec } from '../core/spec/parse.js';

type Statement = Database.Statement<any[]>;

/**
 * Writes and removes one spec's rows: the spec itself, its flattened fields, dependencies,
 * requirements, and both full-text indexes (external content, so old values must be handed to
 * FTS5's 'delete' command before the base rows go).
 */
export class SpecWriter {
  private readonly s: Record<string, Statement>;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      find: p('SELECT t.rowid, t.title, t.body, t.req_text FROM specs s JOIN spec_text t ON t.rowid = s.rowid WHERE s.path = ?'),
      reqsOf: p('SELECT rowid, search_text FROM requirements WHERE spec = ?'),
      ftsDelete: p("INSERT INTO spec_fts(spec_fts, rowid, title, body, req_text) VALUES ('delete', ?, ?, ?, ?)"),
      reqFtsDelete: p("INSERT INTO req_fts(req_fts, rowid, search_text) VALUES ('delete', ?, ?)"),
      wordsDelete: p("INSERT INTO spec_words(spec_words, rowid, title, body, req_text) VALUES ('delete', ?, ?, ?, ?)"),
      reqWordsDelete: p("INSERT INTO req_words(req_words, rowid, search_text) VALUES ('delete', ?, ?)"),
      delSpec: p('DELETE FROM specs WHERE rowid = ?'),
      delText: p('DELETE FROM spec_text WHERE rowid = ?'),
      delFields: p('DELETE FROM fields WHERE spec = ?'),
      delDeps: p('DELETE FROM deps WHERE spec = ?'),
      delReqs: p('DELETE FROM requirements WHERE spec = ?'),
      insSpec: p(`INSERT INTO specs (path, id, title, status, kind, phase, phase_num, domain, owner, created, updated, format, content_hash, body_line, tags, depends_on, data)
                  VALUES (@path, @id, @title, @status, @kind, @phase, @phase_num, @domain, @owner, @created, @updated, @format, @content_hash, @body_line, @tags, @depends_on, @data)`),
      insText: p('INSERT INTO spec_text(rowid, title, body, req_text) VALUES (?, ?, ?, ?)'),
      insFts: p('INSERT INTO spec_fts(rowid, title, body, req_text) VALUES (?, ?, ?, ?)'),
      insField: p('INSERT INTO fields(spec, key, value, num) VALUES (?, ?, ?, ?)'),
      insDep: p('INSERT INTO deps(spec, depends_on, position) VALUES (?, ?, ?)'),
      insReq: p('INSERT INTO requirements(spec, req_id, text, line, col, keyword, search_text) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insReqFts: p('INSERT INTO req_fts(rowid, search_text) VALUES (?, ?)'),
      insWords: p('INSERT INTO spec_words(rowid, title, body, req_text) VALUES (?, ?, ?, ?)'),
      insReqWords: p('INSERT INTO req_words(rowid, search_text) VALUES (?, ?)'),
    };
  }

  /** Removes whatever is indexed for `path`. */
  remove(path: string): void {
    const old = this.s.find.get(path) as { rowid: number; title: string; body: string; req_text: string } | undefined;
    if (!old) return;
    this.s.ftsDelete.run(old.rowid, old.title, old.body, old.req_text);
    this.s.wordsDelete.run(old.rowid, old.title, old.body, old.req_text);
    for (const r of this.s.reqsOf.all(old.rowid) as Array<{ rowid: number; search_text: string }>) {
      this.s.reqFtsDelete.run(r.rowid, r.search_text);
      this.s.reqWordsDelete.run(r.rowid, r.search_text);
    }
    this.s.delFields.run(old.rowid);
    this.s.delDeps.run(old.rowid);
    this.s.delReqs.run(old.rowid);
    this.s.delSpec.run(old.rowid);
    this.s.delText.run(old.rowid);
  }

  /** Replaces the rows for `spec.file` with `spec`; `fresh` skips the removal (empty index). */
  write(spec: Spec, fresh = false): void {
    if (!fresh) this.remove(spec.file);
    const reqText = spec.requirements.map((r) => `${r.id} ${r.text}`).join('\n');
    const phaseNum = typeof spec.phase === 'number' ? spec.phase : spec.phase !== null && /^-?\d+(\.\d+)?$/.test(spec.phase) ? Number(spec.phase) : null;
    const rowid = Number(this.s.insSpec.run({
      path: spec.file, id: spec.id, title: spec.title, status: spec.status, kind: spec.kind,
      phase: spec.phase, phase_num: phaseNum, domain: spec.domain, owner: spec.owner,
      created: spec.created, updated: spec.updated, format: spec.format, content_hash: spec.contentHash,
      body_line: spec.bodyLine,
      tags: JSON.stringify(spec.tags), depends_on: JSON.stringify(spec.dependsOn), data: JSON.stringify(spec.data),
    }).lastInsertRowid);
    this.s.insText.run(rowid, spec.title, spec.body, reqText);
    this.s.insFts.run(rowid, spec.title, spec.body, reqText);
    this.s.insWords.run(rowid, spec.title, spec.body, reqText);
    for (const tag of spec.tags) this.field(rowid, 'tag', tag);
    for (const reviewer of spec.reviewers) this.field(rowid, 'reviewer', reviewer);
    for (const glob of spec.code) this.field(rowid, 'code', glob);
    for (const [key, value] of Object.entries(spec.extra)) this.flatten(rowid, key, value);
    spec.dependsOn.forEach((dep, i) => this.s.insDep.run(rowid, dep, i));
    for (const r of spec.requirements) {
      const searchText = `${r.id} ${r.text}`;
      const reqRowid = this.s.insReq.run(rowid, r.id, r.text, r.line, r.column, r.keyword, searchText).lastInsertRowid;
      // Exactly the content row's value: FTS5 computes snippets from the external content.
      this.s.insReqFts.run(reqRowid, searchText);
      this.s.insReqWords.run(reqRowid, searchText);
    }
  }

  private field(spec: number, key: string, value: unknown): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const num = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : null;
    this.s.insField.run(spec, key, text, num);
  }

  /** Extra keys become queryable: scalars as-is, list items one row each, mappings as `key.sub`. */
  private flatten(spec: number, key: string, value: unknown, depth = 0): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) if (item === null || typeof item !== 'object') this.field(spec, key, item);
      return;
    }
    if (typeof value === 'object') {
      if (depth >= 2) return this.field(spec, key, value);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) this.flatten(spec, `${key}.${k}`, v, depth + 1);
      return;
    }
    this.field(spec, key, value);
  }
}
