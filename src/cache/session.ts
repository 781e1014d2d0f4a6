import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openIndex, isBusyDatabase, isUnusableDatabase, removeDatabase, type Db } from './db.js';
import { refreshIndex, type RefreshOptions, type RefreshStats } from './refresh.js';
import { sddVersion } from '../core/project/package-info.js';
import { mark } from '../core/shared/startup.js';
import { SddError } from '../core/shared/errors.js';
import { IN_MEMORY, canHostIndex, indexCandidates, isUnwritableLocation } from './location.js';
import type { Project } from '../core/project/open.js';

let opened: { db: Db; file: string } | null = null;

// @sdd index-cache/IDX-002
/**
 * Called when a read found the index damaged after it was opened (corruption can hide in pages a
 * refresh never touches): closes and deletes it, so that running the command again rebuilds it.
 * Returns false when no index was open, or the error is not about the database.
 */
export function discardDamagedIndex(err: unknown): boolean {
  if (!opened || !isUnusableDatabase(err)) return false;
  try {
    opened.db.close();
  } catch {
    // already unusable
  }
  if (opened.file !== IN_MEMORY) removeDatabase(opened.file);
  opened = null;
  return true;
}

/**
 * Closes the index the last command opened and forgets it. A process exits after one command;
 * one that runs several (tests, in-process) calls this between them.
 */
export function closeIndex(): void {
  try {
    opened?.db.close();
  } catch {
    // already closed
  }
  opened = null;
}

export interface IndexSession {
  db: Db;
  file: string;
  refresh: RefreshStats;
}

// @sdd index-cache/IDX-001
/** Where the index of `project` lives (config `cache.path`, relative to .sdd/). */
export function indexPath(project: Project): string {
  return path.resolve(project.paths.sddDir, project.config.cache.path);
}

// @sdd index-cache/IDX-003
/**
 * Opens the index and brings it up to date with the files: what every read command does first.
 * A database that turns out to be damaged mid-way is deleted and rebuilt once.
 */
export async function openFreshIndex(project: Project, opts: RefreshOptions = {}): Promise<IndexSession> {
  return (await openSession(project, null, opts)).session;
}

/**
 * openFreshIndex, then `read(db)`, but overlapped: `read` runs on the index as it stands while the
 * refresh waits for git (prefetched on another core), and its answer stands when the refresh
 * changed nothing, as in every warm read. Otherwise `read` runs again on the refreshed index.
 * `read` must only read: its first answer may be thrown away.
 */
export function readFreshIndex<T>(project: Project, read: (db: Db) => T, opts: RefreshOptions = {}): Promise<{ session: IndexSession; answer: T }> {
  return openSession(project, read, opts) as Promise<{ session: IndexSession; answer: T }>;
}

async function openSession<T>(project: Project, read: ((db: Db) => T) | null, opts: RefreshOptions): Promise<{ session: IndexSession; answer: T | undefined }> {
  return atFirstUsablePlace(project, opts.git?.vars, (file) => openSessionAt(file, project, read, opts));
}

/** Opens the index where it can live, as it stands (no refresh): see openSession. */
export async function openIndexAt(project: Project, vars: Record<string, string | undefined> | undefined): Promise<{ db: Db; file: string }> {
  return atFirstUsablePlace(project, vars, async (file) => ({ db: (await openIndex(file, sddVersion())).db, file }));
}

/** `open` at the first place that can hold the project's index (see indexCandidates). */
async function atFirstUsablePlace<R>(project: Project, vars: Record<string, string | undefined> | undefined, open: (file: string) => Promise<R>): Promise<R> {
  let lastError: unknown;
  for (const file of indexCandidates(indexPath(project), project.paths.root, vars ?? process.env)) {
    if (!canHostIndex(file)) continue;
    try {
      return await open(file);
    } catch (err) {
      // This place cannot hold the index (read-only, full, not a folder, or damaged beyond one
      // rebuild): the next one may.
      if (!isUnwritableLocation(err, file) && !isUnusableDatabase(err)) throw err;
      lastError = err;
    }
  }
  throw indexUnwritable(indexPath(project), lastError);
}

function indexUnwritable(file: string, cause: unknown): SddError {
  const full = /FULL|ENOSPC|EDQUOT|disk is full/i.test(`${(cause as { code?: string })?.code} ${(cause as Error)?.message}`);
  return new SddError(full ? 'disk_full' : 'index_unwritable', full
    ? `The disk is full: sdd cannot write its index (${file}), not even in memory`
    : `sdd cannot write its index at ${file}, in the user's cache folder or in memory`, {
    target: { file }, cause,
    fix: full ? 'Free some disk space, then run the command again.' : 'Make .sdd/.cache writable, or set XDG_CACHE_HOME to a folder you can write.',
  });
}

async function openSessionAt<T>(file: string, project: Project, read: ((db: Db) => T) | null, opts: RefreshOptions): Promise<{ session: IndexSession; answer: T | undefined }> {
  let damaged = 0;
  for (let busy = 0; ; ) {
    let db: Db | undefined;
    try {
      mark('index: opening');
      let created: boolean;
      ({ db, created } = await openIndex(file, sddVersion()));
      mark('index: open');
      const refreshing = refreshIndex(db, project.paths, project.config, opts);
      let early: { answer: T; version: unknown } | null = null;
      // A fresh or rebuilt index has nothing worth reading early.
      if (read && !created && !opts.rebuild) {
        try {
          // data_version moves when another connection (another sdd) commits: the early answer
          // must come from the very index this refresh found fresh.
          const version = db.pragma('data_version', { simple: true });
          early = { answer: db.transaction(() => read(db!))(), version };
        } catch {
          // Asked again below, once the index is fresh: a real error then surfaces there.
        }
        mark('index: read early');
      }
      const refresh = await refreshing;
      opened = { db, file };
      const keep = early !== null && !refresh.changed && db.pragma('data_version', { simple: true }) === early.version;
      const answer = keep ? early!.answer : read?.(db);
      return { session: { db, file, refresh }, answer };
    } catch (err) {
      db?.close();
      if (isBusyDatabase(err) && busy < BUSY_RETRIES) {
        // Another sdd is writing the index (a hook and an editor at once): wait and start over.
        await sleep(25 * 2 ** busy++ + Math.random() * 25);
        continue;
      }
      if (damaged++ >= 1 || !isUnusableDatabase(err) || file === IN_MEMORY) throw err;
      removeDatabase(file);
    }
  }
}

/** Fresh attempts after an immediate lock conflict: about 1.6 s of back-off in all. */
const BUSY_RETRIES = 6;
