import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectPaths, type ProjectPaths } from '../project/paths.js';

/** A private copy of part of the index, laid out like the project, for code that reads files. */
export interface IndexSnapshot {
  /** Paths of the copy: findings made against it carry the same project-relative paths. */
  paths: ProjectPaths;
  /** Adds more files (project-relative path → content). */
  add(files: Map<string, string>): void;
  /** Deletes the copy. */
  dispose(): void;
}

// @sdd git-hooks/HOOK-004
/**
 * Writes `files` (project-relative path → content from the index) into a fresh temporary folder.
 * Config, policies, access rights, the constitution, decision files and spec positions are all
 * read from files by the rules; pointing them at this copy makes them see exactly what will be
 * committed, while the working tree (and the index cache, which mirrors it) stay untouched.
 */
export function createIndexSnapshot(files: Map<string, string>): IndexSnapshot {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sdd-staged-')));
  const add = (more: Map<string, string>) => {
    for (const [rel, content] of more) {
      // git never stores `..` or absolute paths in the index; refuse them anyway rather than write outside the copy.
      const abs = path.resolve(root, rel);
      if (!abs.startsWith(root + path.sep)) continue;
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  };
  try {
    add(files);
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return { paths: projectPaths(root), add, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
