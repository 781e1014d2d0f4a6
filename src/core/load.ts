import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { parseSpec, type ParseProblem, type Spec } from './spec.js';
import { relativePath, type ProjectPaths } from './project.js';
import type { Config } from './config.js';

export const SPEC_GLOB = '**/*.{md,yaml,yml}';

export interface LoadedSpecs {
  specs: Spec[];
  problems: ParseProblem[];
}

/** Absolute paths of every spec file under `.sdd/specs/`, sorted. */
export function listSpecFiles(paths: ProjectPaths): string[] {
  if (!fs.existsSync(paths.specsDir)) return [];
  return fg.sync(SPEC_GLOB, { cwd: paths.specsDir, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false }).sort();
}

/** Reads and parses every spec file. Files that cannot be parsed come back as problems. */
export function loadSpecs(paths: ProjectPaths, config: Config): LoadedSpecs {
  const specs: Spec[] = [];
  const problems: ParseProblem[] = [];
  for (const abs of listSpecFiles(paths)) {
    const result = parseSpec(relativePath(paths.root, abs), fs.readFileSync(abs, 'utf8'), { requirementIdPattern: config.requirements.idPattern });
    if (result.ok) specs.push(result.spec);
    else problems.push(result.problem);
  }
  return { specs, problems };
}

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
