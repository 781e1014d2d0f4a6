import type { SimpleGit } from 'simple-git';
import type { GitVars } from './run.js';

export type { SimpleGit };

/**
 * simple-git for `dir`, for what it does well (history, configuration, merges, remotes). It is
 * imported on first use only: loading it costs start-up time the warm reads (`list`, `query`,
 * `search`) must not pay. `allowUnsafeMergeDriver` lets it write `merge.*.driver`, which it
 * refuses by default because git runs that command.
 */
export async function openSimpleGit(dir: string, vars: GitVars, opts: { allowUnsafeMergeDriver?: boolean } = {}): Promise<SimpleGit> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: dir, trimmed: false, unsafe: opts.allowUnsafeMergeDriver ? { allowUnsafeMergeDriver: true } : {} });
  // simple-git replaces the environment it is given rather than adding to it: hand it all of it.
  return vars ? git.env(vars as Record<string, string>) : git;
}
