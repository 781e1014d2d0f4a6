import fs from 'node:fs';
import { SddError } from './errors.js';

/** Errors that mean "there is nothing there", as opposed to "it is there and cannot be read". */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/** Whether `err` says the path does not exist (the caller decides what absence means). */
export function isMissing(err: unknown): boolean {
  return MISSING.has((err as NodeJS.ErrnoException)?.code ?? '');
}

/**
 * The user's view of a file or folder sdd must read and cannot: an SddError naming `display`
 * (project-relative) with how to fix it. A check that cannot read its input fails, never passes.
 */
export function unreadable(err: unknown, display: string, kind: 'file' | 'folder' = 'file'): SddError {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const denied = code === 'EACCES' || code === 'EPERM';
  const why = denied ? 'permission denied' : code === 'EISDIR' ? 'it is a folder, not a file' : (err as Error)?.message ?? String(err);
  return new SddError(`${kind}_unreadable`, `This ${kind} cannot be read (${why}), so sdd cannot check it`, {
    target: { file: display }, cause: err,
    fix: denied
      ? `Give your user read access (\`chmod u+r${kind === 'folder' ? 'x' : ''} ${display}\`), or run sdd as the owner of the checkout.`
      : `Make ${display} a readable ${kind}, or remove it, then run the command again.`,
  });
}

/** Reads a file the user keeps in the project: its bytes, null when absent, an SddError when unreadable. */
export function readProjectFile(abs: string, display: string): Buffer | null {
  try {
    return fs.readFileSync(abs);
  } catch (err) {
    if (isMissing(err)) return null;
    throw unreadable(err, display);
  }
}
