import type { Command } from 'commander';
import fs from 'node:fs';
import { SddError } from './core/shared/errors.js';
import { processEnv, type Env, type GlobalOptions } from './env.js';

/** A command's body: options in, exit code out. */
export type CommandRun<O> = (env: Env, options: O) => Promise<number>;

/**
 * What a program runs against: the Env its commands get and where their exit code goes. The
 * real CLI uses the process; tests run the same program in-process with captured streams.
 */
export interface Host {
  env(globals: GlobalOptions): Env;
  exit(code: number): void;
}

export const processHost: Host = {
  env: processEnv,
  exit: (code) => void (process.exitCode = code),
};

const hosts = new WeakMap<Command, Host>();

/** Makes every command of `program` run against `host`. */
export function attachHost(program: Command, host: Host): void {
  hosts.set(program, host);
}

function hostOf(command: Command): Host {
  let root = command;
  while (root.parent) root = root.parent;
  return hosts.get(root) ?? processHost;
}

/**
 * Adapts a `run(env, options)` to commander's action signature: positional arguments are passed
 * as `options.args` (variadic ones flattened), the global flags become the Env, and the returned
 * number becomes the exit code.
 */
export function action<O>(run: CommandRun<O & { args: string[] }>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const positional = params.slice(0, -2).flatMap((p) => (p === undefined ? [] : Array.isArray(p) ? p : [p])) as string[];
    const globals = command.optsWithGlobals() as GlobalOptions;
    const host = hostOf(command);
    const env = host.env(globals);
    if (globals.cwd !== undefined) requireDirectory(env.cwd, globals.cwd);
    host.exit(await run(env, { ...(command.opts() as O), args: positional }));
  };
}

/** Parses a comma-separated option value, as in `--depends-on a,b`. */
export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** `--cwd` must name an existing folder, as `git -C` does: `init` would otherwise create it. */
function requireDirectory(dir: string, given: string): void {
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    // missing: reported below
  }
  if (!isDir) {
    throw new SddError('usage', `--cwd ${given}: ${dir} is not an existing directory`, {
      fix: 'Pass an existing directory to --cwd (create it first with `mkdir -p` if you mean to set up a new project there).',
    });
  }
}
