import { openProject, type Project } from '../core/project/open.js';
import type { Spec } from '../core/spec/parse.js';
import type { Verification } from '../core/governance/ssh.js';
import type { Db } from './db.js';
import { openIndexAt, openFreshIndex, readFreshIndex } from './session.js';
import type { RefreshOptions, RefreshStats } from './refresh.js';
import { allSpecs } from './read.js';
import { withVerifications } from './approvals.js';
import { openGit, type Git } from '../core/git/index.js';

export interface OpenCacheOptions<T = undefined> extends RefreshOptions {
  /** The project, when the caller has opened it already (or built it from another config). */
  project?: Project;
  /** false: open the index as it stands, for commands that report on it or match it themselves. */
  refresh?: boolean;
  /**
   * A read-only question for the fresh index, asked while the refresh waits for git: its answer
   * stands when the refresh changed nothing (see `readFreshIndex`), and comes back as `answer`.
   */
  read?: (db: Db) => T;
}

/** The opened index of one project, and what commands ask of it. */
export interface CacheSession<T = undefined> {
  project: Project;
  db: Db;
  /** Where the index file lives. */
  file: string;
  /** What bringing it up to date did; null when it was opened with `refresh: false`. */
  refresh: RefreshStats | null;
  /** The answer to `options.read`. */
  answer: T;
  /** The git gateway at the project's root (the command's Env.git). */
  git: Git;
  /** Every indexed spec, read once per session. */
  specs(): Spec[];
  /**
   * Runs `use` with the remembered signature verdicts and stores the ones it adds, so that
   * only new or changed decision records ever reach ssh-keygen.
   */
  withVerifications<T>(use: (verified: Map<string, Verification>) => T | Promise<T>): Promise<T>;
  close(): void;
}

/** Opens the index of the project at `cwd` (or `options.project`), fresh unless told otherwise. */
export async function openCache<T = undefined>(cwd: string, options: OpenCacheOptions<T> = {}): Promise<CacheSession<T>> {
  const { project: given, refresh: fresh = true, read, ...refreshOptions } = options;
  const project = given ?? openProject(cwd);
  const git = (refreshOptions.git ?? openGit(cwd)).at(project.paths.root);
  refreshOptions.git = git;
  let db: Db;
  let file: string;
  let refresh: RefreshStats | null = null;
  let answer: T | undefined;
  if (read) {
    ({ session: { db, file, refresh }, answer } = await readFreshIndex(project, read, refreshOptions));
  } else if (fresh) {
    ({ db, file, refresh } = await openFreshIndex(project, refreshOptions));
  } else {
    ({ db, file } = await openIndexAt(project, git.vars));
  }
  let specs: Spec[] | undefined;
  return {
    project, db, file, refresh, git, answer: answer as T,
    specs: () => (specs ??= allSpecs(db)),
    withVerifications: (use) => withVerifications(db, use),
    close: () => db.close(),
  };
}
