import path from 'node:path';
import { openIndex, isUnusableDatabase, removeDatabase, type Db } from './db.js';
import { refreshIndex, type RefreshOptions, type RefreshStats } from './refresh.js';
import { sddVersion } from '../core/package-info.js';
import { mark } from '../prefetch.js';
import type { Project } from '../core/open.js';

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
  for (let attempt = 0; ; attempt++) {
    mark('index: opening');
    const { db } = await openIndex(file, sddVersion());
    mark('index: open');
    try {
      const refresh = await refreshIndex(db, project.paths, project.config, opts);
      return { db, file, refresh };
    } catch (err) {
      db.close();
      if (attempt >= 1 || !isUnusableDatabase(err)) throw err;
      removeDatabase(file);
    }
  }
}
