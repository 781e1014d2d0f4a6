import path from 'node:path';
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
