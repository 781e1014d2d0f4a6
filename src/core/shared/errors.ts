// @sdd cli-frame/CLI-004
/** Exit codes shared by every command (DESIGN.md §10). */
export const ExitCode = {
  ok: 0,
  findings: 1,
  error: 2,
  interrupted: 130,
} as const;

export interface ErrorTarget {
  file: string;
  line?: number;
  column?: number;
}

// @sdd architecture/ARCH-002
// @sdd cli-frame/CLI-003
/**
 * The one error type users see. `code` is a stable snake_case identifier for scripts,
 * `target` names the file (and line) at fault, `fix` says what to do about it.
 */
export class SddError extends Error {
  readonly code: string;
  readonly target?: ErrorTarget;
  readonly fix?: string;
  readonly exitCode: number;

  constructor(code: string, message: string, opts: { target?: ErrorTarget; fix?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SddError';
    this.code = code;
    this.target = opts.target;
    this.fix = opts.fix;
    this.exitCode = opts.exitCode ?? ExitCode.error;
  }
}

/** `file:line:column`, omitting what is unknown. */
export function formatTarget(target: ErrorTarget): string {
  let s = target.file;
  if (target.line !== undefined) s += `:${target.line}`;
  if (target.line !== undefined && target.column !== undefined) s += `:${target.column}`;
  return s;
}

/**
 * An operating-system or SQLite error that the environment caused (a full disk, a refused or
 * read-only write) as the SddError a user can act on, or null for anything else. The last line of
 * defence before an "internal error": such a failure is expected, never a bug. The target is the
 * path the system named, unless that is one of sdd's temp files.
 */
export function environmentError(err: unknown): SddError | null {
  const e = err as { code?: unknown; path?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const file = typeof e?.path === 'string' && !/\.tmp$|\.\d+$/.test(e.path) ? e.path : undefined;
  const target = file ? { file } : undefined;
  if (/^(ENOSPC|EDQUOT)$|^SQLITE_FULL/.test(code) || /database or disk is full/i.test(String(e?.message))) {
    return new SddError('disk_full', 'The disk is full (database or disk is full); nothing more could be written', { target, cause: err, fix: 'Free some disk space, then run the command again.' });
  }
  if (/^(EACCES|EPERM|EROFS)$|^SQLITE_READONLY/.test(code)) {
    const why = code === 'EROFS' || code.startsWith('SQLITE_READONLY') ? 'the file system or file is read-only' : 'permission denied';
    return new SddError('permission_denied', `sdd cannot ${/open|read|scandir/.test(String(e?.message)) ? 'read' : 'write'} ${file ?? 'a file it needs'}: ${why}`, {
      target, cause: err,
      fix: 'Give your user access to the project (or run sdd as the owner of the checkout), then run the command again.',
    });
  }
  return null;
}
