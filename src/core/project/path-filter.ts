import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { relativePath, type ProjectPaths } from './paths.js';

/** Resolves user-given paths (files or directories) against `cwd` into project-relative prefixes. */
export function pathFilters(paths: ProjectPaths, cwd: string, args: string[]): string[] {
  return args.map((a) => {
    const abs = path.resolve(cwd, a);
    const rel = relativePath(paths.root, abs);
    return rel === '' ? '' : rel;
  });
}

/** True when `file` is one of `filters` or lies under one of them (no filters: everything). */
export function matchesFilters(file: string, filters: string[]): boolean {
  if (filters.length === 0) return true;
  return filters.some((f) => f === '' || file === f || file.startsWith(f.endsWith('/') ? f : f + '/'));
}

// @sdd checks/CHK-005
/**
 * Every path the user named must match at least one file that was checked, as ESLint's "No files
 * matching the pattern": a typo in a CI path argument would otherwise turn the run into a pass.
 * `filters` are `pathFilters(paths, cwd, args)`, in the order of `args`; `files` are what was checked
 * (project-relative); `what` names them for the hint.
 */
export function requireMatches(cwd: string, args: string[], filters: string[], files: Iterable<string>, what: string): void {
  const all = [...files];
  const unmatched = args.filter((_, i) => !all.some((f) => matchesFilters(f, [filters[i]])));
  if (unmatched.length === 0) return;
  const quoted = unmatched.map((a) => `"${a}"`).join(', ');
  const missing = unmatched.filter((a) => !fs.existsSync(path.resolve(cwd, a)));
  throw new SddError('no_matching_files', `No files matching ${quoted} were found`, {
    fix: missing.length === unmatched.length
      ? `Check the spelling: ${missing.length === 1 ? 'that path does not exist' : 'those paths do not exist'}. Paths are relative to the current directory.`
      : `Only ${what} are checked; name a spec file or a folder holding some, or run without paths to check everything.`,
  });
}

/** Why a project has nothing to check: `.sdd/specs/` missing or without spec files; null otherwise. */
export function emptySpecsNotice(paths: ProjectPaths, specCount: number): string | null {
  if (specCount > 0) return null;
  const where = relativePath(paths.root, paths.specsDir) + '/';
  const state = fs.existsSync(paths.specsDir) ? 'holds no spec files' : 'does not exist';
  return `warning: ${where} ${state}, so there is nothing to check. Create a spec with \`sdd new spec "Title"\`.`;
}
