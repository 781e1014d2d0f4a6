import { gitStdout, type GitVars } from './run.js';

/**
 * The path in one `git status --porcelain=v2 -z` entry (ordinary `1`, renamed `2`, unmerged `u`,
 * untracked `?`, ignored `!`), relative to the top of the work tree; null for headers.
 */
export function statusEntryPath(entry: string): string | null {
  if (entry.startsWith('? ') || entry.startsWith('! ')) return entry.slice(2);
  if (entry.startsWith('1 ')) return entry.split(' ').slice(8).join(' ');
  if (entry.startsWith('u ')) return entry.split(' ').slice(10).join(' ');
  if (entry.startsWith('2 ')) return entry.split(' ').slice(9).join(' ');
  return null;
}

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
