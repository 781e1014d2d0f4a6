import fs from 'node:fs';
import path from 'node:path';
import type { Git, SimpleGit } from '../git/index.js';
import { SddError } from '../shared/errors.js';
import { replaceFileAtomic } from '../shared/fs-atomic.js';

/** The driver's name in git: `merge.sdd.*` in the config, `merge=sdd` in .gitattributes. */
export const MERGE_DRIVER = 'sdd';

/** The .gitattributes line that sends spec files to the driver. */
export const GITATTRIBUTES_LINE = '.sdd/specs/** merge=sdd';

/** The comment line written above it, so people reading .gitattributes know where it comes from. */
export const GITATTRIBUTES_MARKER = '# sdd: spec files are merged by `sdd merge-driver` (sdd hooks install; undo with sdd hooks uninstall)';

const DRIVER_NAME = 'sdd spec merge: front matter key by key, body by lines';
const LINE_PATTERN = /^\s*\.sdd\/specs\/\*\*\s+merge=sdd\s*$/;
const PROBE = '.sdd/specs/probe.md';

export interface MergeDriverChange {
  /** The git configuration was changed. */
  config: boolean;
  /** .gitattributes was changed (created, edited or, on unregister, removed when nothing else was left in it). */
  attributes: boolean;
  /** Absolute path of the .gitattributes file concerned. */
  gitattributes: string;
  /**
   * On unregister, when sdd's line was all the file held: `deleted` (untracked, so nothing is
   * lost) or `emptied` (tracked by git: kept, empty, so no commit deletes a file users committed).
   */
  leftover?: 'deleted' | 'emptied';
}

export interface MergeDriverStatus {
  /** `merge.sdd.driver` in the repository's own config, or null. */
  driver: string | null;
  /** `merge.sdd.name`, or null. */
  name: string | null;
  /** The project's .gitattributes holds sdd's line. */
  attributesLine: boolean;
  /** What git resolves the `merge` attribute of a spec file to: "sdd" when the driver applies, null when unset. */
  specMergeAttribute: string | null;
  /** Both parts are in place: git will merge spec files with the driver. */
  active: boolean;
  gitattributes: string;
}

/** The `merge.sdd.driver` value for `command`, the way to start sdd (e.g. `sdd`, or `node /abs/bin/sdd.js`). */
export function mergeDriverCommand(command: string): string {
  return `${command} merge-driver %O %A %B %P`;
}

// @sdd merge-driver/MRG-010
/**
 * Registers sdd's merge driver for the project at `projectRoot` (the folder holding `.sdd/`):
 * sets `merge.sdd.name` and `merge.sdd.driver` (see mergeDriverCommand) in the repository's
 * local git config, and adds GITATTRIBUTES_LINE under GITATTRIBUTES_MARKER to
 * `<projectRoot>/.gitattributes` (git applies a .gitattributes file to the folder it is in, so
 * this works for a project below the repository's top too). `command` is put into the driver
 * line as is: git runs it through a shell, so quote a path with spaces. Idempotent; other lines
 * of .gitattributes are never touched; the file is written atomically.
 * Throws an SddError when `projectRoot` (`repo`'s folder) is not inside a git work tree.
 */
export async function registerMergeDriver(repo: Git, command: string): Promise<MergeDriverChange> {
  const projectRoot = repo.dir;
  const git = await repository(repo);
  let config = false;
  for (const [key, value] of [['name', DRIVER_NAME], ['driver', mergeDriverCommand(command)]] as const) {
    if ((await localConfig(git, `merge.${MERGE_DRIVER}.${key}`)) === value) continue;
    await git.raw(['config', '--local', `merge.${MERGE_DRIVER}.${key}`, value]);
    config = true;
  }
  const file = path.join(projectRoot, '.gitattributes');
  const text = readAttributes(file);
  let attributes = false;
  if (text === null || !text.split(/\r?\n/).some((l) => LINE_PATTERN.test(l))) {
    const current = text ?? '';
    const eol = current.includes('\r\n') ? '\r\n' : '\n';
    const sep = current === '' || current.endsWith('\n') ? '' : eol;
    replaceFileAtomic(file, `${current}${sep}${GITATTRIBUTES_MARKER}${eol}${GITATTRIBUTES_LINE}${eol}`);
    attributes = true;
  }
  return { config, attributes, gitattributes: file };
}

// @sdd merge-driver/MRG-010
/**
 * Undoes registerMergeDriver: unsets `merge.sdd.driver` and `merge.sdd.name` (and drops the
 * `[merge "sdd"]` section when nothing else is left in it) and removes sdd's line and its marker
 * comment from `<projectRoot>/.gitattributes`, deleting the file only when nothing else remains
 * in it and git does not track it (a tracked file is kept, empty). Idempotent; other lines are never touched.
 */
export async function unregisterMergeDriver(repo: Git): Promise<MergeDriverChange> {
  const projectRoot = repo.dir;
  const git = await repository(repo);
  let config = false;
  for (const key of ['driver', 'name']) {
    if ((await localConfig(git, `merge.${MERGE_DRIVER}.${key}`)) === null) continue;
    await git.raw(['config', '--local', '--unset-all', `merge.${MERGE_DRIVER}.${key}`]);
    config = true;
  }
  if (config) {
    const rest = (await git.listConfig('local')).all;
    if (!Object.keys(rest).some((k) => k.toLowerCase().startsWith(`merge.${MERGE_DRIVER}.`))) {
      await git.raw(['config', '--local', '--remove-section', `merge.${MERGE_DRIVER}`]).catch(() => undefined);
    }
  }
  const file = path.join(projectRoot, '.gitattributes');
  const text = readAttributes(file);
  let attributes = false;
  let leftover: MergeDriverChange['leftover'];
  if (text !== null) {
    const lines = text.split(/(?<=\n)/);
    const kept = lines.filter((l) => !LINE_PATTERN.test(l.replace(/\r?\n$/, '')) && l.replace(/\r?\n$/, '') !== GITATTRIBUTES_MARKER);
    if (kept.length !== lines.length) {
      const next = kept.join('');
      if (next.trim() !== '') replaceFileAtomic(file, next);
      else if (((await repo.stdout(['ls-files', '--', '.gitattributes'])) ?? '').trim() !== '') {
        replaceFileAtomic(file, '');
        leftover = 'emptied';
      } else {
        fs.rmSync(file, { force: true });
        leftover = 'deleted';
      }
      attributes = true;
    }
  }
  return { config, attributes, gitattributes: file, ...(leftover ? { leftover } : {}) };
}

/** Whether sdd's merge driver is registered for the project at `repo`'s folder, part by part. */
export async function mergeDriverStatus(repo: Git): Promise<MergeDriverStatus> {
  const projectRoot = repo.dir;
  const git = await repository(repo);
  const driver = await localConfig(git, `merge.${MERGE_DRIVER}.driver`);
  const name = await localConfig(git, `merge.${MERGE_DRIVER}.name`);
  const file = path.join(projectRoot, '.gitattributes');
  const text = readAttributes(file);
  // Ask git rather than reading the file: another .gitattributes (or info/attributes) may
  // set or override the attribute too.
  const out = await git.raw(['check-attr', 'merge', '--', PROBE]);
  const value = /: merge: (.*)$/m.exec(out)?.[1]?.trim() ?? 'unspecified';
  const specMergeAttribute = value === 'unspecified' ? null : value;
  return {
    driver,
    name,
    attributesLine: text !== null && text.split(/\r?\n/).some((l) => LINE_PATTERN.test(l)),
    specMergeAttribute,
    active: driver !== null && specMergeAttribute === MERGE_DRIVER,
    gitattributes: file,
  };
}

async function repository(repo: Git): Promise<SimpleGit> {
  const projectRoot = repo.dir;
  if (!fs.existsSync(projectRoot)) {
    throw new SddError('not_found', `The folder ${projectRoot} does not exist`, { target: { file: projectRoot }, fix: 'Run the command inside your project.' });
  }
  // simple-git refuses to write `merge.*.driver` unless told: setting a command git will run is
  // exactly what registering a merge driver is, and the command comes from sdd, not from a user.
  const git = await repo.simple({ allowUnsafeMergeDriver: true });
  if (!(await git.checkIsRepo())) {
    throw new SddError('not_a_git_repo', `${projectRoot} is not inside a git repository, so there is no git merge to hook into`, {
      target: { file: projectRoot },
      fix: 'Run `git init` (or clone the repository) first, then run the command again.',
    });
  }
  return git;
}

async function localConfig(git: SimpleGit, key: string): Promise<string | null> {
  const { value } = await git.getConfig(key, 'local');
  return value;
}

function readAttributes(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SddError('unreadable', `Cannot read ${file}: ${(err as Error).message}`, { target: { file }, fix: 'Check the file\'s permissions.' });
  }
}
