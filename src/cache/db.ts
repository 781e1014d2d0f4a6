import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { SddError } from '../core/shared/errors.js';

export type Db = Database.Database;

/**
 * The compiled addon, located directly: better-sqlite3's default lookup (the `bindings`
 * package) probes a dozen paths and walks a stack trace on every start.
 */
const NATIVE_BINDING = (() => {
  try {
    const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
    const file = path.join(path.dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
})();

/** Meta keys stored in the index. */
export const META = {
  sddVersion: 'sdd_version',
  lastRefresh: 'last_refresh',
  // Freshness fingerprints and the stat snapshot; the stored key names predate these names.
  gitFingerprint: 'git_signature',
  gitStatSnapshot: 'git_baseline',
  parseSettings: 'parse_settings',
  governanceFingerprint: 'governance_signature',
  traceSettings: 'trace_settings',
  traceFingerprint: 'trace_signature',
} as const;

// @sdd architecture/ARCH-003
// @sdd index-cache/IDX-002, index-cache/IDX-005
/**
 * Opens the index at `file`, creating it when missing and rebuilding it from scratch when it is
 * unreadable (garbage, truncated, not a database) or of another schema or sdd version. The
 * index is derived data: losing it costs one rebuild, never an error for the user.
 */
export async function openIndex(file: string, sddVersion: string): Promise<{ db: Db; created: boolean }> {
  // Loaded here, not at the top: commands that never touch the index skip the native addon.
  const { default: Sqlite } = await import('better-sqlite3');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (file !== ':memory:') assertReplaceable(file);
  for (let attempt = 0; ; attempt++) {
    let db: Db | undefined;
    try {
      db = new Sqlite(file, { timeout: 10_000, nativeBinding: NATIVE_BINDING });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('temp_store = MEMORY');
      // A large refresh touches many index pages; a roomy page cache keeps them from spilling.
      db.pragma('cache_size = -16384');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === SCHEMA_VERSION && metaValue(db, META.sddVersion) === sddVersion) return { db, created: false };
      // Another SQLite database (not an sdd index of any version) is a user's: its tables are never dropped.
      if (file !== ':memory:' && !inOwnFolder(file) && !isSddIndex(db)) {
        db.close();
        throw notAnIndex(file, 'is an SQLite database that sdd did not create');
      }
      initialise(db, sddVersion);
      return { db, created: true };
    } catch (err) {
      db?.close();
      if (attempt >= 1 || !isUnusableDatabase(err)) throw err;
      removeDatabase(file);
    }
  }
}

/** (Re)creates every table inside one write transaction, so concurrent openers never see half. */
function initialise(db: Db, sddVersion: string): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    // Another process may have initialised it while we waited for the lock.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION && metaValue(db, META.sddVersion) === sddVersion) {
      db.exec('COMMIT');
      return;
    }
    const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").all() as Array<{ type: string; name: string }>;
    for (const o of objects) {
      // Shadow tables of FTS5 go with their virtual table.
      if (objects.some((v) => o.name !== v.name && o.name.startsWith(v.name + '_'))) continue;
      db.exec(`DROP ${o.type.toUpperCase()} IF EXISTS "${o.name.replace(/"/g, '""')}"`);
    }
    db.exec(SCHEMA_SQL);
    db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run(META.sddVersion, sddVersion);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

export function metaValue(db: Db, key: string): string | undefined {
  try {
    return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  } catch {
    return undefined;
  }
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** SQLite's answer for a file that is not a usable database. */
export function isUnusableDatabase(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^SQLITE_(NOTADB|CORRUPT|CANTOPEN|IOERR|FORMAT|RANGE)/.test(code) || /file is not a database|malformed|no such table|no such column/i.test(String((err as Error)?.message));
}

/**
 * SQLite gave up waiting for another connection. The busy timeout covers most waits, but SQLite
 * answers some lock conflicts at once (a deferred transaction that cannot upgrade, a new file
 * switching to WAL while another process opens it): those are worth a fresh attempt.
 */
export function isBusyDatabase(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^SQLITE_(BUSY|LOCKED)/.test(code) || /database is (locked|busy)/i.test(String((err as Error)?.message));
}

/** Deletes the database and its WAL side files; refuses (SddError) when the file is not sdd's index. */
export function removeDatabase(file: string): void {
  if (file === ':memory:') return;
  assertReplaceable(file);
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(f);
    } catch {
      continue;
    }
    // Only a file can be an index: a folder or a link in its place is the user's, not sdd's.
    if (!st.isFile()) {
      throw new SddError('index_not_a_file', `${f} is not a file, so it is not an sdd index; sdd left it alone`, {
        target: { file: f },
        fix: 'Move it away (or set `cache.path` in .sdd/config.yaml to another place), then run the command again.',
      });
    }
    try {
      fs.rmSync(f, { force: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw err;
      throw new SddError('file_not_writable', `Cannot delete ${path.basename(f)}: ${code === 'EROFS' ? 'the file system is read-only' : 'permission denied'}`, {
        target: { file: f }, cause: err,
        fix: `Give your user write access to ${path.dirname(f)}, or run the command as the owner of the checkout.`,
      });
    }
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether `file` lies in sdd's own cache folder (`.sdd/.cache/`), where nothing but derived
 * files live: there a file that is not a database is a damaged index, rebuilt without asking.
 */
function inOwnFolder(file: string): boolean {
  return path.resolve(file).split(path.sep).join('/').includes('/.sdd/.cache/');
}

/** Whether the open database carries sdd's meta table (an index of this or another version). */
function isSddIndex(db: Db): boolean {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
  return tables.length === 0 || metaValue(db, META.sddVersion) !== undefined;
}

/**
 * Throws unless sdd may delete or replace `file`: it is missing or empty, it lies in sdd's own
 * cache folder as a plain file, or it starts with SQLite's header (whose tables openIndex checks
 * before touching them). A user's script, dotfile or link is never treated as a damaged index.
 */
function assertReplaceable(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return; // missing: nothing to lose
  }
  if (!stat.isFile()) throw notAnIndex(file, stat.isSymbolicLink() ? 'is a symbolic link' : 'is not a plain file');
  if (stat.size === 0 || inOwnFolder(file)) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) throw notAnIndex(file, 'is not an SQLite database');
}

function notAnIndex(file: string, why: string): SddError {
  return new SddError('cache_not_index', `The index path ${file} ${why}, so sdd leaves it alone`, {
    target: { file },
    fix: 'Point cache.path in .sdd/config.yaml at a new file inside .sdd/ (the default is .cache/sdd.db), or move that file away.',
  });
}
