import type { Command } from 'commander';
import { processEnv, type Env, type GlobalOptions } from './env.js';

/** A command's body: options in, exit code out. */
export type CommandRun<O> = (env: Env, options: O) => Promise<number>;

/**
 * Adapts a `run(env, options)` to commander's action signature: positional arguments are passed
 * as `options.args` (variadic ones flattened), the global flags become the Env, and the returned
 * number becomes the process exit code.
 */
export function action<O>(run: CommandRun<O & { args: string[] }>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const positional = params.slice(0, -2).flatMap((p) => (p === undefined ? [] : Array.isArray(p) ? p : [p])) as string[];
    const globals = command.optsWithGlobals() as GlobalOptions;
    const env = processEnv(globals);
    process.exitCode = await run(env, { ...(command.opts() as O), args: positional });
  };
}

/** Parses a comma-separated option value, as in `--depends-on a,b`. */
export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}
