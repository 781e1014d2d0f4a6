import path from 'node:path';

/** Where a command's output goes; tests pass string collectors, the CLI passes process streams. */
export interface Output {
  write(text: string): void;
}

/**
 * Everything a command may know about the outside world. Commands never touch `process`
 * directly, so tests can run them in-process and capture all output.
 */
export interface Env {
  cwd: string;
  stdout: Output;
  stderr: Output;
  /** stdout is a terminal: tables, colour (unless disabled), progress. */
  isTTY: boolean;
  /** stderr is a terminal: progress bars may be drawn there. */
  stderrIsTTY: boolean;
  /** Colour is allowed: a TTY, and neither NO_COLOR nor --no-color. */
  color: boolean;
  json: boolean;
  quiet: boolean;
  now(): Date;
  vars: Record<string, string | undefined>;
}

export interface GlobalOptions {
  json?: boolean;
  color?: boolean;
  cwd?: string;
  quiet?: boolean;
}

/** The Env of a real process, shaped by the global flags. */
export function processEnv(globals: GlobalOptions): Env {
  return makeEnv(globals, {
    stdout: { write: (s) => void process.stdout.write(s) },
    stderr: { write: (s) => void process.stderr.write(s) },
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    vars: process.env,
  });
}

/** Where an Env's output goes and what it sees of its surroundings: a real process's, or a test's. */
export interface EnvIo {
  stdout: Output;
  stderr: Output;
  isTTY: boolean;
  stderrIsTTY: boolean;
  vars: Record<string, string | undefined>;
}

/** An Env shaped by the global flags, over the given streams and variables. */
export function makeEnv(globals: GlobalOptions, io: EnvIo): Env {
  const { vars } = io;
  const noColor = vars.NO_COLOR !== undefined && vars.NO_COLOR !== '';
  return {
    cwd: globals.cwd ? path.resolve(globals.cwd) : process.cwd(),
    stdout: io.stdout,
    stderr: io.stderr,
    isTTY: io.isTTY,
    stderrIsTTY: io.stderrIsTTY,
    color: io.isTTY && !noColor && globals.color !== false && vars.FORCE_COLOR !== '0',
    json: Boolean(globals.json),
    quiet: Boolean(globals.quiet),
    // SDD_NOW pins the clock (ISO 8601), for reproducible records and tests.
    now: () => (vars.SDD_NOW && !Number.isNaN(Date.parse(vars.SDD_NOW)) ? new Date(vars.SDD_NOW) : new Date()),
    vars,
  };
}
