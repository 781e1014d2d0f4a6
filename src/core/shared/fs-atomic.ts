import fs from 'node:fs';
import path from 'node:path';

/** A sibling temp name; uniqueness is enforced by creating it with the `wx` flag. */
function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/**
 * Writes `content` to a new file at `file` atomically, refusing to replace an existing file.
 * The content is written to a temp file in the same directory and hard-linked into place, so a
 * reader never sees half a file and a concurrent creator cannot be clobbered.
 * Returns false when the file already exists.
 */
export function createFileAtomic(file: string, content: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempPathFor(file);
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Replaces `file` with `content` atomically (temp file + rename); `mode` sets its permissions (e.g. 0o755 for a script). */
export function replaceFileAtomic(file: string, content: string | Buffer, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempPathFor(file);
  try {
    fs.writeFileSync(tmp, content, { flag: 'wx' });
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
