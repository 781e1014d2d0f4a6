import { findProject, type ProjectPaths } from './paths.js';
import { readConfig, type Config } from './config.js';

export interface Project {
  paths: ProjectPaths;
  config: Config;
}

/** Finds the project above `cwd` and reads its config. */
export function openProject(cwd: string): Project {
  const paths = findProject(cwd);
  return { paths, config: readConfig(paths) };
}
