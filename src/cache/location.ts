import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** The index held in memory only: rebuilt on every run, never written anywhere. */
export const IN_MEMORY = ':memory:';

/**
 * Where the index may live, in order: the project's own place (`.sdd/.cache/sdd.db`), then the
 * user's cache folder (`$XDG_CACHE_HOME/sdd/index/<hash of the project path>/sdd.db`), then memory.
 * The later ones serve a checkout sdd may not write: a read-only file system, someone else's
 * clone, a CI container running as another user, or a `.cache` that is not a folder. The index is
 * derived data, so reading from another place changes nothing but speed.
 */
export function* indexCandidates(primary: string, root: string, vars: Record<string, string | undefined> = process.env): Generator<string> {
  yield primary;
  // Worked out only when the project's own place fails: every warm read stops at the first.
  const base = userCacheDir(vars);
  if (base) {
    const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    const key = crypto.createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
    const fallback = path.join(base, 'sdd', 'index', key, 'sdd.db');
    if (fallback !== primary) yield fallback;
  }
  yield IN_MEMORY;
}

function userCacheDir(vars: Record<string, string | undefined>): string | null {
  if (vars.XDG_CACHE_HOME && path.isAbsolute(vars.XDG_CACHE_HOME)) return vars.XDG_CACHE_HOME;
  let home = vars.HOME;
  if (!home) {
    try {
      home = os.homedir();
    } catch {
      return null;
    }
  }
  if (!home) return null;
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches');
  if (process.platform === 'win32' && vars.LOCALAPPDATA) return vars.LOCALAPPDATA;
  return path.join(home, '.cache');
}

/**
 * Whether sdd may keep an index at `file`: it is absent or a regular file, its folder is (or can
 * be made) a folder, and this user may write both, side files included. Checked before opening,
 * so that a folder named `sdd.db` or someone else's index is never treated as damaged and
 * deleted. Creates the missing folders (mode 0700 in the user's cache folder).
 */
export function canHostIndex(file: string): boolean {
  if (file === IN_MEMORY) return true;
  const dir = path.dirname(file);
  try {
    makeDirs(dir);
    if (!fs.statSync(dir).isDirectory()) return false;
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
      const st = lstatOrNull(f);
      if (st === null) continue;
      if (!st.isFile()) return false;
      fs.accessSync(f, fs.constants.R_OK | fs.constants.W_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir never returns for some paths under
 * /proc, and a cache variable may point anywhere.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; lstatOrNull(d) === null; d = path.dirname(d)) {
    if (path.dirname(d) === d) break;
    missing.push(d);
  }
  for (const d of missing.reverse()) fs.mkdirSync(d, { mode: 0o700 });
}

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}

/**
 * An error that says this place cannot hold the index (rather than that the index there is
 * damaged): permissions, a read-only file system or database, a full disk, a path that is not a
 * folder. The next candidate place is tried; nothing is deleted.
 */
export function isUnwritableLocation(err: unknown, file: string): boolean {
  const code = String((err as { code?: string })?.code ?? '');
  if (/^(EACCES|EPERM|EROFS|EISDIR|ENOTDIR|EEXIST|ENOSPC|EDQUOT)$/.test(code)) {
    // Only about the index's own place: an unreadable spec is the user's problem to hear about.
    const at = (err as NodeJS.ErrnoException).path;
    return at === undefined || path.resolve(at).startsWith(path.dirname(path.resolve(file)));
  }
  if (/^SQLITE_(READONLY|FULL|PERM|AUTH)/.test(code)) return true;
  return /readonly database|database or disk is full/i.test(String((err as Error)?.message));
}
