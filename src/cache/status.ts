import fs from 'node:fs';
import { META, metaValue, type Db } from './db.js';
import { parseSettings, scanForChanges } from './refresh.js';
import { SCHEMA_VERSION } from './schema.js';
import type { Config } from '../core/project/config.js';
import type { ProjectPaths } from '../core/project/paths.js';

/** What `sdd cache status` reports about an index, without refreshing it. */
export interface IndexStatus {
  sizeBytes: number;
  schemaVersion: number;
  /** The sdd version that built the index. */
  sddVersion: string | null;
  specs: number;
  files: number;
  unparsableFiles: number;
  requirements: number;
  lastRefresh: string | null;
  /** Spec files on disk that differ from the index: new or changed, deleted, and all scanned. */
  stale: { changed: number; removed: number; filesOnDisk: number };
}

/** Counts, versions and staleness of the index at `file` (opened as `db`). */
export function indexStatus(db: Db, file: string, paths: ProjectPaths): IndexStatus {
  const scan = scanForChanges(db, paths);
  // The write-ahead log holds recent writes not yet folded into the file: it is part of the size.
  const sizeBytes = [file, `${file}-wal`].reduce((n, f) => n + (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
  const count = (table: 'specs' | 'files' | 'requirements', where = '') => db.prepare(`SELECT count(*) FROM ${table}${where}`).pluck().get() as number;
  return {
    sizeBytes,
    schemaVersion: SCHEMA_VERSION,
    sddVersion: metaValue(db, META.sddVersion) ?? null,
    specs: count('specs'),
    files: count('files'),
    unparsableFiles: count('files', ' WHERE problem IS NOT NULL'),
    requirements: count('requirements'),
    lastRefresh: metaValue(db, META.lastRefresh) ?? null,
    stale: { changed: scan.changed.length, removed: scan.gone.length, filesOnDisk: scan.scanned },
  };
}

/** The index was built with other parse settings than `config` asks for (its spec rows are stale). */
export function parseSettingsDiffer(db: Db, config: Config): boolean {
  return metaValue(db, META.parseSettings) !== parseSettings(config);
}
