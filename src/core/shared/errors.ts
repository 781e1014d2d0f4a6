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
