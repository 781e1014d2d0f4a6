import fs from 'node:fs';
import path from 'node:path';
import { META, metaValue, setMeta, type Db } from './db.js';
import { SpecWriter } from './indexer.js';
import { SPEC_INDEXES, SPEC_INDEX_SQL } from './schema.js';
import { approvalsStale, governanceFingerprint, recomputeApprovals } from './approvals.js';
import { walkSpecFiles } from '../core/spec/walk.js';
import { unreadable } from '../core/shared/read-file.js';
import { openGit, type Git } from '../core/git/index.js';
import { statusEntryPath } from '../core/git/status.js';
import { mark } from '../core/shared/startup.js';
import { relativePath, type ProjectPaths } from '../core/project/paths.js';
import type { Config } from '../core/project/config.js';

export interface RefreshStats {
  /** True when git showed nothing changed since the last refresh, so no file was looked at. */
  fastPath: boolean;
  scanned: number;
  added: number;
  updated: number;
  removed: number;
  /** Files whose stat changed but whose bytes did not. */
  touched: number;
  durationMs: number;
  /** True when the refresh wrote anything but its own bookkeeping (specs or approvals). */
  changed: boolean;
}

export interface RefreshOptions {
  /** Re-read and re-index every file (sdd cache rebuild). */
  rebuild?: boolean;
  /** Called with (done, total) while files are (re)indexed. */
  onProgress?: (done: number, total: number) => void;
  /** The command's git gateway (Env.git); unset, one with this process's environment. */
  git?: Git;
}

interface FileRow {
  mtime_ms: number;
  ctime_ms: number;
  size: number;
  ino: number;
  file_hash: string;
}

// @sdd index-cache/IDX-003, index-cache/IDX-005
/**
 * Brings the index in line with the spec files. Inside a git work tree the no-change case costs
 * no walk: `git status` of the tracked spec files (prefetched by the launcher), the stat of every
 * path it lists, the stat of every spec file git does not track and the stat of every folder of
 * the specs tree (adding, removing or renaming a file changes its folder) together make a
 * fingerprint; equal to last time means no file changed. Otherwise, and outside git, every file is
 * stat'ed; those whose (mtime, ctime, size, inode) moved are read and hashed, and only those whose
 * bytes changed are parsed and re-indexed. ctime is part of the key because it cannot be set
 * back: an edit that restores the old mtime is still seen.
 */
export async function refreshIndex(db: Db, paths: ProjectPaths, config: Config, opts: RefreshOptions = {}): Promise<RefreshStats> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  mark('refresh: start');
  const settings = parseSettings(config);
  const specsRel = relativePath(paths.root, paths.specsDir);
  const reparseAll = opts.rebuild === true || metaValue(db, META.parseSettings) !== settings;
  const git = (opts.git ?? openGit(paths.root)).at(paths.root);
  const prefetched = git.takePrefetchedStatus(specsRel);
  mark(prefetched ? 'refresh: git status (prefetched)' : 'refresh: git status (run now)');
  const tracked = statusFingerprint(paths.root, await (prefetched ?? git.specsStatus(specsRel)));
  const snapshot = tracked === null ? null : readStatSnapshot(db);
  const fingerprint = tracked !== null && snapshot !== null ? tracked + snapshotFingerprint(paths.root, snapshot) : null;
  const stats: RefreshStats = { fastPath: false, scanned: 0, added: 0, updated: 0, removed: 0, touched: 0, durationMs: 0, changed: false };

  mark('refresh: fingerprint');
  if (!reparseAll && fingerprint !== null && fingerprint === metaValue(db, META.gitFingerprint)) {
    stats.fastPath = true;
    mark('refresh: no change (fingerprint)');
    stats.changed = await refreshApprovals(db, paths, config, false);
    stats.durationMs = elapsed();
    return stats;
  }

  const { changed, gone, scanned, fresh } = await scanWithSnapshot(db, paths, reparseAll, tracked !== null ? git : null);
  const newFingerprint = tracked !== null && fresh !== null ? tracked + fresh.fingerprint : '';
  stats.scanned = scanned;

  if (reparseAll || changed.length > 0 || gone.length > 0) {
    // Loaded only when files changed: worker threads and hashing stay off the no-change path.
    const { parseFiles } = await import('./parse-files.js');
    const writer = new SpecWriter(db);
    const putFile = db.prepare(`INSERT INTO files(path, mtime_ms, ctime_ms, size, ino, file_hash, problem) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET mtime_ms = excluded.mtime_ms, ctime_ms = excluded.ctime_ms, size = excluded.size, ino = excluded.ino, file_hash = excluded.file_hash, problem = excluded.problem`);
    const touchFile = db.prepare('UPDATE files SET mtime_ms = ?, ctime_ms = ?, size = ?, ino = ? WHERE path = ?');
    const dropFile = db.prepare('DELETE FROM files WHERE path = ?');
    const oldHash = db.prepare('SELECT file_hash FROM files WHERE path = ?').pluck();
    const statOf = new Map(changed.map((c) => [c.rel, c.st]));

    db.exec('BEGIN IMMEDIATE');
    try {
      if (reparseAll) {
        clearAll(db);
        for (const name of SPEC_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
      }
      for (const rel of gone) {
        writer.remove(rel);
        dropFile.run(rel);
        stats.removed++;
      }
      // Read inside the write transaction, so a concurrent refresh cannot interleave.
      const jobs = changed.map(({ rel }) => ({ rel, oldHash: reparseAll ? null : ((oldHash.get(rel) as string | undefined) ?? null) }));
      const wasIndexed = new Set(jobs.filter((j) => j.oldHash !== null).map((j) => j.rel));
      let done = 0;
      for await (const batch of parseFiles(paths.root, jobs, config.requirements.idPattern)) {
        for (const file of batch) {
          opts.onProgress?.(done++, changed.length);
          const st = statOf.get(file.rel)!;
          if (file.unreadable) throw unreadable(Object.assign(new Error(file.unreadable), { code: file.unreadable }), file.rel);
          if (file.hash === null) continue; // deleted since the walk; the next refresh drops it
          if (file.unchanged) {
            touchFile.run(st.mtimeMs, st.ctimeMs, st.size, st.ino, file.rel);
            stats.touched++;
            continue;
          }
          const result = file.result!;
          if (result.ok) writer.write(result.spec, reparseAll);
          else if (!reparseAll) writer.remove(file.rel);
          putFile.run(file.rel, st.mtimeMs, st.ctimeMs, st.size, st.ino, file.hash, result.ok ? null : JSON.stringify(result.problem));
          if (wasIndexed.has(file.rel)) stats.updated++;
          else stats.added++;
        }
        // Batches arrive as microtasks; a progress display needs the event loop to turn to draw.
        if (opts.onProgress) await new Promise((resolve) => setImmediate(resolve));
      }
      opts.onProgress?.(changed.length, changed.length);
      if (reparseAll) db.exec(SPEC_INDEX_SQL);
      setMeta(db, META.parseSettings, settings);
      setMeta(db, META.lastRefresh, new Date().toISOString());
      saveStatSnapshot(db, newFingerprint, fresh?.snapshot ?? null);
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } else {
    saveStatSnapshot(db, newFingerprint, fresh?.snapshot ?? null);
  }
  const specsChanged = reparseAll || stats.added + stats.updated + stats.removed > 0;
  stats.changed = (await refreshApprovals(db, paths, config, specsChanged)) || specsChanged;
  stats.durationMs = elapsed();
  return stats;
}

/** What the specs were parsed with (stored in the index): another id pattern means parsing again. */
export function parseSettings(config: Config): string {
  return JSON.stringify({ idPattern: config.requirements.idPattern });
}

/**
 * Keeps the approval tables in step; the decision files are looked at only when they changed.
 * True when the tables were recomputed.
 */
async function refreshApprovals(db: Db, paths: ProjectPaths, config: Config, specsChanged: boolean): Promise<boolean> {
  const fingerprint = governanceFingerprint(paths, config);
  if (!approvalsStale(db, fingerprint, specsChanged)) return false;
  await recomputeApprovals(db, paths, config, fingerprint);
  return true;
}

function clearAll(db: Db): void {
  // The code references go too: a rebuild re-reads everything, source files included.
  db.exec(`DELETE FROM files; DELETE FROM specs; DELETE FROM spec_text; DELETE FROM fields; DELETE FROM deps; DELETE FROM requirements;
    DELETE FROM code_files; DELETE FROM code_refs; DELETE FROM meta WHERE key = '${META.traceSettings}';
    INSERT INTO spec_fts(spec_fts) VALUES ('delete-all'); INSERT INTO req_fts(req_fts) VALUES ('delete-all');
    INSERT INTO spec_words(spec_words) VALUES ('delete-all'); INSERT INTO req_words(req_words) VALUES ('delete-all');`);
}

/** The part of a stat that decides freshness (a full fs.Stats is ten times the size). */
export interface FileStat {
  mtimeMs: number;
  ctimeMs: number;
  size: number;
  ino: number;
}

export interface ChangeScan {
  /** Files that are new or whose stat moved since they were indexed. */
  changed: Array<{ rel: string; st: FileStat }>;
  /** Indexed files that no longer exist. */
  gone: string[];
  scanned: number;
}

// @sdd index-cache/IDX-003
/** Stats every spec file and compares with the index; `all` treats every file as changed. */
export function scanForChanges(db: Db, paths: ProjectPaths, all = false): ChangeScan {
  return compareStats(db, paths, walkSpecFiles(paths.specsDir, relativePath(paths.root, paths.specsDir)), all).scan;
}

/** Stats `files` and compares with the index; the stat keys of those `watch` picks are kept. */
function compareStats(db: Db, paths: ProjectPaths, files: string[], all: boolean, watch?: Set<string>): { scan: ChangeScan; keys: Map<string, string> } {
  const known = new Map<string, FileRow>();
  if (!all) {
    for (const r of db.prepare('SELECT path, mtime_ms, ctime_ms, size, ino, file_hash FROM files').all() as Array<FileRow & { path: string }>) known.set(r.path, r);
  }
  const changed: ChangeScan['changed'] = [];
  const present = new Set<string>();
  const keys = new Map<string, string>();
  for (const rel of files) {
    const st = fs.statSync(path.join(paths.root, rel), { throwIfNoEntry: false });
    if (!st) continue;
    present.add(rel);
    if (watch?.has(rel)) keys.set(rel, statKey(st));
    const old = known.get(rel);
    if (!old || old.mtime_ms !== st.mtimeMs || old.ctime_ms !== st.ctimeMs || old.size !== st.size || old.ino !== st.ino) {
      changed.push({ rel, st: { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, size: st.size, ino: st.ino } });
    }
  }
  return { scan: { changed, gone: all ? [] : [...known.keys()].filter((p) => !present.has(p)), scanned: present.size }, keys };
}

// @sdd index-cache/IDX-007
/**
 * scanForChanges, plus the snapshot the next no-change check compares with (null outside git).
 * The order makes the snapshot safe: each folder is stat'ed before it is read; git lists what it
 * does not track only after the walk, so a file that was there when its folder was stat'ed is on
 * git's list if untracked, and one created later has moved its folder's stat; and each file's
 * stat is taken before it is read, so an edit made after the read shows up next time.
 */
async function scanWithSnapshot(db: Db, paths: ProjectPaths, all: boolean, git: Git | null): Promise<ChangeScan & { fresh: { snapshot: StatSnapshot; fingerprint: string } | null }> {
  const scanStarted = Date.now();
  const specsRel = relativePath(paths.root, paths.specsDir);
  const dirs = new Map<string, string>();
  let racy = false;
  const files = walkSpecFiles(paths.specsDir, specsRel, git ? (abs, rel) => {
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    dirs.set(rel, statKey(st));
    if (st && Math.max(st.mtimeMs, st.ctimeMs) > scanStarted - RACY_MS) racy = true;
  } : undefined);
  const list = git ? await git.untrackedSpecs(specsRel) : null;
  const untracked = list === null ? undefined : new Set(list.split('\0'));
  const { scan, keys } = compareStats(db, paths, files, all, untracked);
  return { ...scan, fresh: untracked === undefined ? null : takeStatSnapshot(keys, dirs, racy && scanStarted) };
}

/**
 * What the no-change check watches besides git status, kept in the index beside the fingerprint
 * (project-relative paths): the spec files git does not track, since that status leaves them out,
 * and every folder of the specs tree, since a file added to one changes its stat.
 */
interface StatSnapshot {
  untracked: string[];
  dirs: string[];
}

/**
 * Folders changed this close to a scan may change again within the file system's timestamp
 * granularity (a clock tick; two seconds on FAT) without their stat moving: such a snapshot is
 * not trusted, and the next refresh walks the folders again.
 */
const RACY_MS = 2000;

/**
 * The snapshot after a scan (`fileKeys`: the untracked spec files; `dirKeys`: every folder), and
 * its part of the fingerprint; `racyAt`, the scan's start when a folder was too recent to trust.
 */
function takeStatSnapshot(fileKeys: Map<string, string>, dirKeys: Map<string, string>, racyAt: number | false): { snapshot: StatSnapshot; fingerprint: string } {
  const files = [...fileKeys.keys()].sort();
  const dirs = [...dirKeys.keys()];
  const fingerprint = snapshotText(files.map((rel) => fileKeys.get(rel)!), dirs.map((rel) => dirKeys.get(rel)!));
  return { snapshot: { untracked: files, dirs }, fingerprint: racyAt === false ? fingerprint : `${fingerprint}\0racy ${racyAt}` };
}

/** The stat snapshot's part of the fingerprint now: the same stats, taken again. */
function snapshotFingerprint(root: string, snapshot: StatSnapshot): string {
  const key = (rel: string) => statKey(fs.statSync(path.join(root, rel), { throwIfNoEntry: false }));
  return snapshotText(snapshot.untracked.map(key), snapshot.dirs.map(key));
}

/** The stat snapshot's part of a fingerprint, from the stat keys of its untracked files and its folders. */
function snapshotText(untrackedKeys: string[], dirKeys: string[]): string {
  return `\0untracked${untrackedKeys.map((k) => `\0${k}`).join('')}\0dirs${dirKeys.map((k) => `\0${k}`).join('')}`;
}

function readStatSnapshot(db: Db): StatSnapshot | null {
  const text = metaValue(db, META.gitStatSnapshot);
  if (!text) return null;
  try {
    const b = JSON.parse(text) as StatSnapshot;
    return Array.isArray(b.untracked) && Array.isArray(b.dirs) ? b : null;
  } catch {
    return null;
  }
}

/** Stores the fingerprint with the snapshot it was made from (none: the next refresh walks again). */
function saveStatSnapshot(db: Db, fingerprint: string, snapshot: StatSnapshot | null): void {
  const write = () => {
    setMeta(db, META.gitFingerprint, snapshot ? fingerprint : '');
    setMeta(db, META.gitStatSnapshot, snapshot ? JSON.stringify(snapshot) : '');
  };
  if (db.inTransaction) write();
  else db.transaction(write)();
}

// @sdd index-cache/IDX-004
function statKey(st: fs.Stats | undefined): string {
  return st ? `${st.mtimeMs}:${st.ctimeMs}:${st.size}:${st.ino}` : '-';
}

/**
 * What git says about the specs folder (porcelain v2 status: the HEAD commit and every path that
 * differs from it, untracked or ignored), followed by the stat of every path it lists; null
 * outside a work tree or without git. The status runs with `--no-optional-locks`, so git never
 * rewrites its own index behind the user's back. Kept verbatim (it is short when little is
 * dirty) so the no-change path needs no hashing.
 */
export function statusFingerprint(root: string, status: string | null): string | null {
  if (status === null) return null;
  let fingerprint = status;
  // git lists paths from the top of the work tree, which may be above the project.
  const top = workTreeTop(root);
  for (const entry of status.split('\0')) {
    const file = statusEntryPath(entry);
    if (!file) continue;
    const st = fs.statSync(path.join(top, file), { throwIfNoEntry: false });
    fingerprint += `\0${statKey(st)}`;
  }
  return fingerprint;
}

/** The nearest folder at or above `root` holding `.git` (a folder, or a worktree's file); `root` when none does. */
function workTreeTop(root: string): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return root;
  }
}
