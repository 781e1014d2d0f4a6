import fs from 'node:fs';
import path from 'node:path';
import { SddError } from './errors.js';

/** A sibling temp name; uniqueness is enforced by creating it with the `wx` flag. */
function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/**
 * Writes `content` to a new file at `file` atomically, refusing to replace an existing file.
 * The content is written to a temp file in the same directory, flushed to disk and hard-linked
 * into place, so a reader never sees half a file and a concurrent creator cannot be clobbered.
 * On any failure (a full disk, a folder sdd may not write) nothing is left behind: no temp file
 * and no folder this call created, since `git add -A` would commit them. Returns false when the
 * file already exists.
 */
export function createFileAtomic(file: string, content: string): boolean {
  const createdDirs = makeParentDirs(file);
  const tmp = tempPathFor(file);
  let linked = false;
  try {
    writeAndSync(tmp, content, 'wx');
    try {
      fs.linkSync(tmp, file);
      linked = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
    syncDir(path.dirname(file));
    return true;
  } catch (err) {
    throw writeError(err, file);
  } finally {
    removeQuietly(tmp);
    if (!linked) removeEmptyDirs(createdDirs);
  }
}

/**
 * Replaces `file` with `content` atomically and flushed to disk (temp file, fsync, rename) while
 * keeping what the old file was: its mode and owner, the file a symbolic link points to (the link
 * stays a link) and its hard links (a file with several names is rewritten in place, since a
 * rename would split them). A read-only file (no write bit, e.g. 0444) or one this user may not
 * write is refused, not silently replaced. `mode` sets the permissions of a new file or forces
 * them (0o755 for a hook script).
 *
 * Not write-file-atomic: its synchronous path issues a single write() and does not check how much
 * of it landed, so on a nearly full disk it renames a truncated file over the user's spec.
 * fs.writeFileSync on a descriptor keeps writing until all is written or an error is raised.
 */
export function replaceFileAtomic(file: string, content: string | Buffer, mode?: number): void {
  let target = file;
  let existing: fs.Stats | undefined;
  try {
    target = fs.realpathSync(file);
    existing = fs.statSync(target);
  } catch {
    // A new file.
  }
  if (existing && (existing.mode & 0o222) === 0) {
    throw new SddError('file_read_only', `${path.basename(file)} is read-only (mode ${(existing.mode & 0o777).toString(8).padStart(4, '0')}); sdd did not replace it`, {
      target: { file },
      fix: `Make the file writable (\`chmod u+w ${file}\`) if the change is intended, then run the command again.`,
    });
  }
  if (existing) {
    try {
      // A rename would replace a file this user may not write (someone else's, group read-only).
      fs.accessSync(target, fs.constants.W_OK);
    } catch (err) {
      throw writeError(err, file);
    }
  }
  const createdDirs = existing ? [] : makeParentDirs(target);
  const tmp = tempPathFor(target);
  try {
    if (existing && existing.nlink > 1) {
      rewriteInPlace(target, content);
    } else {
      writeAndSync(tmp, content, 'wx', mode ?? (existing ? existing.mode & 0o7777 : 0o666));
      if (existing) keepOwnerAndMode(tmp, existing, mode);
      else if (mode !== undefined) fs.chmodSync(tmp, mode);
      fs.renameSync(tmp, target);
    }
    syncDir(path.dirname(target));
  } catch (err) {
    removeQuietly(tmp);
    removeEmptyDirs(createdDirs);
    throw writeError(err, file);
  }
}

/** Gives the new file the old one's owner (possible as root, or for a group the user is in) and mode. */
function keepOwnerAndMode(tmp: string, old: fs.Stats, mode: number | undefined): void {
  try {
    fs.chownSync(tmp, old.uid, old.gid);
  } catch (err) {
    // Not root: the file is ours already when we may write it; a group we are not in stays lost.
    if (!['EPERM', 'EINVAL', 'ENOSYS'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  }
  // chmod after chown: chown clears the set-id bits, and the umask trimmed the mode at creation.
  fs.chmodSync(tmp, mode ?? old.mode & 0o7777);
}

/**
 * Overwrites a hard-linked file through its own inode, so that every name keeps seeing the
 * content. Not atomic for readers; if the write fails half-way (a full disk), the old content
 * is written back.
 */
function rewriteInPlace(file: string, content: string | Buffer): void {
  const next = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const old = fs.readFileSync(file);
  const fd = fs.openSync(file, 'r+');
  try {
    try {
      writeAllAt(fd, next);
      fs.ftruncateSync(fd, next.length);
      fs.fsyncSync(fd);
    } catch (err) {
      try {
        writeAllAt(fd, old);
        fs.ftruncateSync(fd, old.length);
        fs.fsyncSync(fd);
      } catch {
        // The original error says what went wrong; this was the best attempt at undoing it.
      }
      throw err;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes all of `data` from offset 0: write() may land only part of it (a nearly full disk). */
function writeAllAt(fd: number, data: Buffer): void {
  for (let done = 0; done < data.length; ) done += fs.writeSync(fd, data, done, data.length - done, done);
}

function writeAndSync(file: string, content: string | Buffer, flag: string, mode = 0o666): void {
  const fd = fs.openSync(file, flag, mode);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (the rename or link just made); not every system allows it. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some network file systems cannot fsync a folder; the data itself is synced.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Creates the missing parent folders of `file`; returns them, deepest first, for undoing. */
function makeParentDirs(file: string): string[] {
  const missing: string[] = [];
  for (let dir = path.dirname(file); !fs.existsSync(dir); dir = path.dirname(dir)) {
    missing.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (err) {
    removeEmptyDirs(missing);
    throw writeError(err, file);
  }
  return missing;
}

function removeEmptyDirs(dirs: string[]): void {
  for (const dir of dirs) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty any more (someone else wrote there), or already gone.
    }
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // A temp file that cannot be removed is no reason to hide the real outcome.
  }
}

/**
 * The user's view of a failed write: a full disk or a refused write becomes an SddError naming
 * `file` (what sdd was writing, never its temp file) with what to do. Anything else is unexpected
 * and passes through.
 */
function writeError(err: unknown, file: string): unknown {
  if (err instanceof SddError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new SddError('disk_full', `Cannot write ${path.basename(file)}: the disk is full (${code}); nothing was changed`, {
      target: { file }, cause: err,
      fix: 'Free some disk space (or raise the quota), then run the command again.',
    });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const why = code === 'EROFS' ? 'the file system is read-only' : 'permission denied';
    return new SddError('file_not_writable', `Cannot write ${path.basename(file)}: ${why}; nothing was changed`, {
      target: { file }, cause: err,
      fix: code === 'EROFS'
        ? 'Run the command in a writable checkout (the file system here is mounted read-only).'
        : `Give your user write access to ${path.dirname(file)} (and the file, if it exists), or run the command as its owner.`,
    });
  }
  return err;
}
