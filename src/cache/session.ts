import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openIndex, isBusyDatabase, isUnusableDatabase, removeDatabase, type Db } from './db.js';
import { refreshIndex, type RefreshOptions, type RefreshStats } from './refresh.js';
import { sddVersion } from '../core/package-info.js';
import { mark } from '../prefetch.js';
import type { Project } from '../core/open.js';

let opened: { db: Db; file: string } | null = null;

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
  removeDatabase(opened.file);
  opened = null;
  return true;
}

export interface IndexSession {
  db: Db;
  file: string;
  refresh: RefreshStats;
}

/** Where the index of `project` lives (config `cache.path`, relative to .sdd/). */
export function indexPath(project: Project): string {
  return path.resolve(project.paths.sddDir, project.config.cache.path);
}

/**
 * Opens the index and brings it up to date with the files: what every read command does first.
 * A database that turns out to be damaged mid-way is deleted and rebuilt once.
 */
export async function openFreshIndex(project: Project, opts: RefreshOptions = {}): Promise<IndexSession> {
  const file = indexPath(project);
  let damaged = 0;
  for (let busy = 0; ; ) {
    let db: Db | undefined;
    try {
      mark('index: opening');
      db = (await openIndex(file, sddVersion())).db;
      mark('index: open');
      const refresh = await refreshIndex(db, project.paths, project.config, opts);
      opened = { db, file };
      return { db, file, refresh };
    } catch (err) {
      db?.close();
      if (isBusyDatabase(err) && busy < BUSY_RETRIES) {
        // Another sdd is writing the index (a hook and an editor at once): wait and start over.
        await sleep(25 * 2 ** busy++ + Math.random() * 25);
        continue;
      }
      if (damaged++ >= 1 || !isUnusableDatabase(err)) throw err;
      removeDatabase(file);
    }
  }
}

/** Fresh attempts after an immediate lock conflict: about 1.6 s of back-off in all. */
const BUSY_RETRIES = 6;
