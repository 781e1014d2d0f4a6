import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';

export const SDD_DIR = '.sdd';

/** Where a project lives on disk. Paths in findings are relative to `root`. */
export interface ProjectPaths {
  /** The directory that contains `.sdd/`. */
  root: string;
  /** `<root>/.sdd` */
  sddDir: string;
  /** `<root>/.sdd/specs` */
  specsDir: string;
  /** `<root>/.sdd/config.yaml` */
  configFile: string;
}

export function projectPaths(root: string): ProjectPaths {
  const sddDir = path.join(root, SDD_DIR);
  return { root, sddDir, specsDir: path.join(sddDir, 'specs'), configFile: path.join(sddDir, 'config.yaml') };
}

// @sdd spec-model/MODEL-001
/**
 * Finds the project by walking up from `cwd` to the first directory holding `.sdd/`, the way git
 * finds `.git`. Throws `not_initialized` when there is none.
 */
export function findProject(cwd: string): ProjectPaths {
  let dir = path.resolve(cwd);
  for (;;) {
    try {
      if (fs.statSync(path.join(dir, SDD_DIR)).isDirectory()) return projectPaths(dir);
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new SddError('not_initialized', `No .sdd/ directory found in ${path.resolve(cwd)} or any parent directory`, {
    fix: 'Run `sdd init` at the root of your repository, or pass `--cwd <dir>` to point at a project.',
  });
}

/** A project-relative POSIX path for `abs`, as used in findings, JSON and SARIF. */
export function relativePath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
