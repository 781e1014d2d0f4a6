import path from 'node:path';
import { runCli } from '../../src/cli.js';
import { makeEnv, type Env, type GlobalOptions } from '../../src/env.js';
import { closeIndex } from '../../src/cache/session.js';
import { childEnv, gitEnv, type RunOptions, type RunResult } from './cli.js';

/**
 * Runs sdd's commander program in this process, the way bin/sdd.js runs it in a child, and
 * returns what `runSdd` (test/helpers/cli.ts) returns for the same arguments: converting a test
 * is a one-word change. Output is captured; stdout and stderr are not terminals, colour is off
 * (NO_COLOR=1, as the spawn helper sets), and `--cwd` resolves against `opts.cwd`.
 *
 * git runs as a child of this process, so the isolated git environment of the tests is set on
 * process.env once; the commands themselves see `vars` through their Env.
 */
export function sdd(args: string[], opts: InProcessOptions): Promise<RunResult> {
  // One command at a time: the index session is per process, as in the real CLI. Tests that are
  // about commands running at once keep spawning (runSdd), as users' processes do.
  const turn = queue.then(() => runOnce(args, opts));
  queue = turn.then(() => undefined, () => undefined);
  return turn;
}

let queue: Promise<void> = Promise.resolve();

async function runOnce(args: string[], opts: InProcessOptions): Promise<RunResult> {
  isolateGit();
  const vars = commandVars(opts.env);
  let stdout = '';
  let stderr = '';
  let code = 0;
  const streams = { stdout: { write: (s: string) => void (stdout += s) }, stderr: { write: (s: string) => void (stderr += s) } };
  try {
    code = await runCli(['node', 'sdd', ...args], {
      ...streams,
      vars,
      host: {
        env: (globals) => inProcessEnv(globals, opts.cwd, streams, vars, opts.tty),
        exit: (c) => void (code = c),
      },
    });
  } finally {
    closeIndex();
  }
  return { code, stdout, stderr };
}

export interface InProcessOptions extends RunOptions {
  /**
   * stdout counts as a terminal (tables instead of tab-separated lines); colour stays off unless
   * `env` removes NO_COLOR. Progress bars on stderr are never drawn in-process.
   */
  tty?: boolean;
}

/** What a single command's `run(env, options)` printed and returned. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Calls a command's `run(env, options)` directly with a capturing Env rooted at `cwd`: for tests
 * of one command that need no argument parsing. `globals` are the global flags (`json`, `quiet`).
 */
export function runCommand<O>(
  run: (env: Env, options: O) => Promise<number>,
  options: O,
  opts: RunOptions & { globals?: GlobalOptions },
): Promise<CommandResult> {
  const turn = queue.then(() => runCommandOnce(run, options, opts));
  queue = turn.then(() => undefined, () => undefined);
  return turn;
}

async function runCommandOnce<O>(run: (env: Env, options: O) => Promise<number>, options: O, opts: RunOptions & { globals?: GlobalOptions }): Promise<CommandResult> {
  isolateGit();
  let stdout = '';
  let stderr = '';
  const streams = { stdout: { write: (s: string) => void (stdout += s) }, stderr: { write: (s: string) => void (stderr += s) } };
  try {
    const code = await run(inProcessEnv(opts.globals ?? {}, opts.cwd, streams, commandVars(opts.env)), options);
    return { code, stdout, stderr };
  } finally {
    closeIndex();
  }
}

/** The Env of an in-process run: captured output, no terminal, the given variables. */
export function inProcessEnv(globals: GlobalOptions, cwd: string, streams: Pick<Env, 'stdout' | 'stderr'>, vars: Record<string, string | undefined>, tty = false): Env {
  return makeEnv(globals, { ...streams, isTTY: tty, stderrIsTTY: false, vars, cwd: path.resolve(cwd) });
}

let gitIsolated = false;

function isolateGit(): void {
  if (gitIsolated) return;
  gitIsolated = true;
  Object.assign(process.env, gitEnv());
}

/** The variables a spawned sdd would see, plus `overrides`: the same as the spawn helper's. */
function commandVars(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return childEnv(overrides);
}

/** The name to swap for `runSdd` when a spawned test becomes an in-process one. */
export const runSddInProcess = sdd;
