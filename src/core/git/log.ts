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
  if (!vars) return simpleGit({ baseDir: dir, trimmed: false, unsafe: { allowUnsafeMergeDriver: opts.allowUnsafeMergeDriver === true } });
  // simple-git refuses an environment that names programs or config files (EDITOR, PAGER,
  // GIT_SSH_COMMAND, GIT_CONFIG_GLOBAL...), a guard for environments built from untrusted input.
  // This one is the user's own (or a test's), the one git would inherit anyway; sdd's arguments
  // never carry such settings.
  const git = simpleGit({ baseDir: dir, trimmed: false, unsafe: { ...ENVIRONMENT, allowUnsafeMergeDriver: opts.allowUnsafeMergeDriver === true } });
  // It replaces the environment rather than adding to it: hand it all of it.
  return git.env(vars as Record<string, string>);
}

const ENVIRONMENT = {
  allowUnsafeAskPass: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeEditor: true,
  allowUnsafeGitProxy: true,
  allowUnsafePager: true,
  allowUnsafeSshCommand: true,
  allowUnsafeTemplateDir: true,
} as const;
