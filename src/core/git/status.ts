import { gitStdout, type GitVars } from './run.js';

const STATUS = ['--no-optional-locks', 'status', '--porcelain=v2', '-z', '--no-renames'];

/**
 * git status (porcelain v2) of the tracked files below `specsRel` in `root`: the HEAD commit and
 * every tracked path that differs from it. Leaving untracked files out roughly halves git's work
 * on a large specs folder; src/cache/refresh.ts watches those by folder stat instead. Null
 * outside a work tree or without git.
 */
export function specsStatus(root: string, specsRel: string, vars?: GitVars): Promise<string | null> {
  return gitStdout(root, [...STATUS, '--branch', '--no-ahead-behind', '--untracked-files=no', '--', specsRel], vars);
}

/**
 * The files below `specsRel` that git does not track, ignored ones included, relative to `root`
 * and separated by NUL; null outside a work tree or without git.
 */
export function untrackedSpecs(root: string, specsRel: string, vars?: GitVars): Promise<string | null> {
  return gitStdout(root, ['ls-files', '-z', '--others', '--', specsRel], vars);
}

/**
 * git status of the source tree drift scans (everything but .sdd/; ignored files are not scanned
 * by default, so they are left out): the HEAD commit and every path that differs from it.
 */
export function codeStatus(root: string, vars?: GitVars): Promise<string | null> {
  return gitStdout(root, [...STATUS, '--branch', '--no-ahead-behind', '--untracked-files=all', '--', '.', ':(exclude).sdd'], vars);
}
