import fs from 'node:fs';
import path from 'node:path';
import { META, metaValue, setMeta, type Db } from './db.js';
import { listCodeFiles, scanFile, testFileMatcher, type Trace } from '../core/trace/files.js';
import { SCANNER_VERSION, type CodeRef, type RefRole } from '../core/trace/tags.js';
import type { Config } from '../core/project/config.js';
import type { ProjectPaths } from '../core/project/paths.js';
import { openGit, type Git } from '../core/git/index.js';
import { mark } from '../core/shared/startup.js';
import { statusFingerprint } from './refresh.js';

export interface TraceRefresh {
  trace: Trace;
  /** git showed the source tree as it was at the last scan: no file was listed or stat'ed. */
  fastPath: boolean;
  scanned: number;
  rescanned: number;
  removed: number;
}

interface StatRow {
  path: string;
  mtime_ms: number;
  ctime_ms: number;
  size: number;
  ino: number;
}

// @sdd traceability/DRF-003
/**
 * Brings the code references in the index up to date with the source tree, the way specs are
 * kept fresh. With the default file selection in a git work tree, `git status` of the tree
 * (prefetched at start-up) is compared with what it said at the last scan: the same answer, and
 * the same stat of the paths it lists, means nothing changed. Otherwise every candidate file is
 * stat'ed, and only those whose (mtime, ctime, size, inode) moved are read and scanned again.
 * Changing `code.*` or the requirement id pattern rescans all. `git` is the command's gateway
 * (Env.git); unset, one with this process's environment.
 */
export async function refreshTrace(db: Db, paths: ProjectPaths, config: Config, gateway?: Git): Promise<TraceRefresh> {
  const repo = (gateway ?? openGit(paths.root)).at(paths.root);
  const settings = JSON.stringify({ scanner: SCANNER_VERSION, code: config.code, idPattern: config.requirements.idPattern });
  const all = metaValue(db, META.traceSettings) !== settings;
  // code.include may name ignored files, which git status does not watch: no fast path then.
  const status = config.code.include === null ? await repo.codeStatus() : null;
  const fingerprint = status === null ? null : statusFingerprint(paths.root, status);
  mark('trace: status');
  if (!all && fingerprint !== null && fingerprint === metaValue(db, META.traceFingerprint)) {
    // Sorted in JavaScript's order, as listCodeFiles sorts (SQLite's byte order differs past the BMP).
    const files = (db.prepare('SELECT path FROM code_files').pluck().all() as string[]).sort();
    const refs = readRefs(db);
    mark('trace: read from the index');
    return { trace: { files, refs, git: true }, fastPath: true, scanned: files.length, rescanned: 0, removed: 0 };
  }
  mark('trace: listing');
  const { files, git } = await listCodeFiles(paths, config, repo);
  mark('trace: listed');
  const known = new Map<string, StatRow>();
  if (!all) for (const r of db.prepare('SELECT path, mtime_ms, ctime_ms, size, ino FROM code_files').all() as StatRow[]) known.set(r.path, r);

  const present: StatRow[] = [];
  const changed: StatRow[] = [];
  for (const file of files) {
    const st = fs.statSync(path.join(paths.root, file), { throwIfNoEntry: false });
    // A tracked file deleted from the work tree, or a folder (a submodule): nothing to scan.
    if (!st || !st.isFile()) continue;
    const row = { path: file, mtime_ms: st.mtimeMs, ctime_ms: st.ctimeMs, size: st.size, ino: st.ino };
    present.push(row);
    const old = known.get(file);
    if (!old || old.mtime_ms !== row.mtime_ms || old.ctime_ms !== row.ctime_ms || old.size !== row.size || old.ino !== row.ino) changed.push(row);
  }
  const presentSet = new Set(present.map((r) => r.path));
  const gone = [...known.keys()].filter((f) => !presentSet.has(f));
  mark('trace: stat');

  if (all || changed.length || gone.length || fingerprint !== metaValue(db, META.traceFingerprint)) {
    const isTest = testFileMatcher(config);
    const scans = changed.map((row) => ({ row, refs: scanFile(paths.root, row.path, config, isTest) ?? [] }));
    const delRefs = db.prepare('DELETE FROM code_refs WHERE file = ?');
    const delFile = db.prepare('DELETE FROM code_files WHERE path = ?');
    const putFile = db.prepare(`INSERT INTO code_files(path, mtime_ms, ctime_ms, size, ino) VALUES (@path, @mtime_ms, @ctime_ms, @size, @ino)
      ON CONFLICT(path) DO UPDATE SET mtime_ms = excluded.mtime_ms, ctime_ms = excluded.ctime_ms, size = excluded.size, ino = excluded.ino`);
    const putRef = db.prepare('INSERT INTO code_refs(file, line, col, spec_id, req_id, pin, role, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      if (all) db.exec('DELETE FROM code_files; DELETE FROM code_refs;');
      for (const f of gone) {
        delRefs.run(f);
        delFile.run(f);
      }
      for (const { row, refs } of scans) {
        if (!all) delRefs.run(row.path);
        putFile.run(row);
        for (const r of refs) putRef.run(r.file, r.line, r.column, r.spec, r.requirement, r.pin, r.role, r.source);
      }
      setMeta(db, META.traceSettings, settings);
      setMeta(db, META.traceFingerprint, fingerprint ?? '');
    }).immediate();
  }
  mark('trace: stored');
  return { trace: { files: present.map((r) => r.path), refs: readRefs(db), git }, fastPath: false, scanned: present.length, rescanned: changed.length, removed: gone.length };
}

interface RefRow {
  file: string;
  line: number;
  col: number;
  spec_id: string | null;
  req_id: string | null;
  pin: string | null;
  role: string;
  source: string;
}

/** Every stored reference, by file and line. */
export function readRefs(db: Db): CodeRef[] {
  return (db.prepare('SELECT file, line, col, spec_id, req_id, pin, role, source FROM code_refs ORDER BY file, line, col').all() as RefRow[]).map((r) => ({
    file: r.file, line: r.line, column: r.col, spec: r.spec_id, requirement: r.req_id, pin: r.pin, role: r.role as RefRole, source: r.source as CodeRef['source'],
  }));
}
