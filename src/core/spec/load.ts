import { readProjectFile } from '../shared/read-file.js';
import path from 'node:path';
import { walkSpecFiles } from './walk.js';
import { parseSpec, type ParseProblem, type Spec } from './parse.js';
import { relativePath, type ProjectPaths } from '../project/paths.js';
import type { Config } from '../project/config.js';

export interface LoadedSpecs {
  specs: Spec[];
  problems: ParseProblem[];
}

/** Project-relative paths of every spec file under `.sdd/specs/`, sorted. */
export function listSpecFiles(paths: ProjectPaths): string[] {
  return walkSpecFiles(paths.specsDir, relativePath(paths.root, paths.specsDir));
}

// @sdd spec-model/MODEL-002
/** Reads and parses every spec file. Files that cannot be parsed come back as problems. */
export function loadSpecs(paths: ProjectPaths, config: Config): LoadedSpecs {
  const specs: Spec[] = [];
  const problems: ParseProblem[] = [];
  for (const rel of listSpecFiles(paths)) {
    const bytes = readProjectFile(path.join(paths.root, rel), rel);
    if (bytes === null) continue; // deleted since the walk
    const result = parseSpec(rel, bytes.toString('utf8'), { requirementIdPattern: config.requirements.idPattern });
    if (result.ok) specs.push(result.spec);
    else problems.push(result.problem);
  }
  return { specs, problems };
}

export { pathFilters, matchesFilters } from '../project/path-filter.js';
