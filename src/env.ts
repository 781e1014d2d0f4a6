import path from 'node:path';
import type { CacheSession, OpenCacheOptions } from './cache/open.js';
import { openGit, type Git } from './core/git/index.js';

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
  /** Colour is on: see colorWanted. */
  color: boolean;
  json: boolean;
  quiet: boolean;
  now(): Date;
  vars: Record<string, string | undefined>;
  /** The index of the project at `cwd`, brought up to date; the only way commands reach it. */
  openCache<T = undefined>(options?: OpenCacheOptions<T>): Promise<CacheSession<T>>;
  /** The git gateway for `cwd`, running git with `vars`; `git.at(root)` for the project root. */
  git: Git;
}

export interface GlobalOptions {
  json?: boolean;
  /** `--color <when>` (auto, always, never), or false for `--no-color`. */
  color?: boolean | string;
  cwd?: string;
  quiet?: boolean;
}

// @sdd cli-frame/CLI-005
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
  /** The folder the process stands in (`--cwd` resolves against it); process.cwd() unless given. */
  cwd?: string;
}

/** An Env shaped by the global flags, over the given streams and variables. */
export function makeEnv(globals: GlobalOptions, io: EnvIo): Env {
  const { vars } = io;
  const base = io.cwd ?? process.cwd();
  const cwd = globals.cwd ? path.resolve(base, globals.cwd) : base;
  // git runs with the Env's variables: a test's isolated git configuration reaches every child.
  const git = openGit(cwd, vars);
  return {
    cwd,
    stdout: io.stdout,
    stderr: io.stderr,
    isTTY: io.isTTY,
    stderrIsTTY: io.stderrIsTTY,
    color: colorWanted(globals.color, io.isTTY, vars),
    json: Boolean(globals.json),
    quiet: Boolean(globals.quiet),
    // SDD_NOW pins the clock (ISO 8601), for reproducible records and tests.
    now: () => (vars.SDD_NOW && !Number.isNaN(Date.parse(vars.SDD_NOW)) ? new Date(vars.SDD_NOW) : new Date()),
    vars,
    // Imported on first use: commands that never read the index do not load SQLite.
    openCache: async (options) => {
      const progress = !options?.onProgress && io.stderrIsTTY && !globals.quiet && !globals.json ? lateProgress(colorWanted(globals.color, true, vars)) : null;
      try {
        return await (await import('./cache/open.js')).openCache(cwd, { git, ...(progress ? { onProgress: progress.update } : {}), ...options });
      } finally {
        progress?.done();
      }
    },
    git,
  };
}

// @sdd cli-frame/CLI-005
/**
 * Whether to colour stdout, in the order users expect from other tools: the flag first
 * (`--color always|never`, `--no-color`), then FORCE_COLOR (set and not 0/false: on, as Node and
 * chalk read it, so `sdd check | less -R` can be coloured), then NO_COLOR (set and not empty:
 * off), and otherwise only on a terminal.
 */
export function colorWanted(flag: boolean | string | undefined, isTTY: boolean, vars: Record<string, string | undefined>): boolean {
  if (flag === false || flag === 'never') return false;
  if (flag === true || flag === 'always') return true;
  const force = vars.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (vars.NO_COLOR !== undefined && vars.NO_COLOR !== '') return false;
  return isTTY;
}

// @sdd index-cache/IDX-006
/**
 * Progress for an implicit refresh (the first run in a big repository, after an upgrade): the same
 * bar as `sdd cache rebuild`, on the terminal's stderr, but only once the work has taken a second,
 * so ordinary warm runs never flash a bar. Ctrl-C clears it (see ui/progress.ts).
 */
export function lateProgress(color: boolean, stream: NodeJS.WriteStream = process.stderr, clock: () => number = Date.now): { update(done: number, total: number): void; done(): void } {
  const started = clock();
  let bar: { update(done: number, total: number): void; done(): void } | null = null;
  let loading = false;
  let finished = false;
  return {
    update(done, total) {
      if (bar) return bar.update(done, total);
      if (loading || clock() - started < 1000) return;
      loading = true;
      void import('./ui/progress.js').then(({ startProgress }) => {
        if (finished) return;
        bar = startProgress(stream, 'specs', color);
        bar.update(done, total);
      });
    },
    done() {
      finished = true;
      bar?.done();
    },
  };
}
