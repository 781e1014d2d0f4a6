import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { replaceFileAtomic } from '../shared/fs-atomic.js';
import type { Git } from './index.js';

/**
 * Git hooks that run sdd: a pre-commit hook running `sdd check --staged`, and optionally a
 * pre-push hook running the full `sdd check`. Another tool's hook is never overwritten:
 *
 * - chain: in a plain hooks folder (`.git/hooks`, or wherever core.hooksPath points), the hook
 *   that was there is renamed to `<hook>.sdd-chained` and sdd's script runs it first; uninstall
 *   renames it back, so it returns byte for byte, with its permissions.
 * - block: with husky (v9: core.hooksPath = `.husky/_`), git runs husky's generated stub, which
 *   runs `.husky/<hook>`; husky regenerates the stub on every install, so sdd adds a marked
 *   block at the top of `.husky/<hook>` instead, and uninstall removes exactly that block.
 *
 * These functions return what they found or did; they never print.
 */

export const HOOK_NAMES = ['pre-commit', 'pre-push'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Version of the script sdd writes; a hook with another version is reported as outdated. */
export const HOOK_SCRIPT_VERSION = 1;
export const CHAINED_SUFFIX = '.sdd-chained';

export interface HookLocation {
  /** The top of the work tree; hooks run there. */
  top: string;
  /** The project root relative to `top`, POSIX, '' at the top. */
  prefix: string;
  /** The folder git runs hooks from (`git rev-parse --git-path hooks`: core.hooksPath, shared by worktrees). */
  dir: string;
  /** core.hooksPath as configured, or null. */
  hooksPath: string | null;
  /** Husky v9 manages `dir`: sdd's hooks go into `.husky/<hook>` as a block. */
  husky: boolean;
}

export interface HookState {
  name: HookName;
  /** The file sdd installs into (absolute). */
  file: string;
  strategy: 'chain' | 'block';
  /** sdd's hook (or block) is in the file. */
  installed: boolean;
  /** It is exactly what this version of sdd writes for this project. */
  current: boolean;
  /** The hook that runs before sdd's (chain: `<hook>.sdd-chained`), when there is one. */
  chained: string | null;
  /** The file holds another tool's hook (and no sdd block). */
  foreign: boolean;
}

// @sdd git-hooks/HOOK-007
/** Finds where git runs hooks for the repository containing `git`'s folder. */
export async function locateHooks(git: Git): Promise<HookLocation> {
  const root = git.dir;
  let r;
  try {
    r = await git.run(['rev-parse', '--show-toplevel', '--show-prefix', '--git-path', 'hooks']);
  } catch (err) {
    throw new SddError('git_not_found', 'git was not found on PATH; hooks are a git feature', { fix: 'Install git (e.g. `apt-get install git`).', cause: err });
  }
  if (r.code !== 0) {
    throw new SddError('not_a_git_repository', `${root} is not inside a git work tree, so there are no git hooks to manage`, {
      target: { file: root },
      fix: 'Run `git init` first (hooks need a work tree: a bare repository has none), or run sdd in your repository.',
    });
  }
  const [top, prefix, hooks] = r.stdout.toString('utf8').split('\n');
  const config = await git.run(['config', '--get', 'core.hooksPath']);
  const dir = path.resolve(root, hooks);
  const husky = path.basename(dir) === '_' && path.basename(path.dirname(dir)) === '.husky' && fs.existsSync(path.join(dir, 'h'));
  return { top, prefix, dir, hooksPath: config.code === 0 ? config.stdout.toString('utf8').trim() || null : null, husky };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// @sdd git-hooks/HOOK-010
/**
 * The lines that find and run sdd: the project's own `node_modules/.bin/sdd` (a devDependency,
 * what `npx --no-install sdd` would run, without npx's start-up time), then the top level's,
 * then `sdd` on PATH (a global install). Without any, the hook says so and lets git go on:
 * a clone where `npm install` has not run yet must still be able to commit; CI is the gate.
 */
function runnerLines(name: HookName, prefix: string): string[] {
  const dir = prefix.replace(/\/$/, '') || '.';
  // What to do next differs: a commit takes what is staged, a push what is already committed.
  const [command, what, skip, remedy] = name === 'pre-commit'
    ? ['check --staged', 'commit', 'git commit --no-verify', 'fix and stage it']
    : ['check </dev/null', 'push', 'git push --no-verify', 'fix and commit it'];
  return [
    `sdd_dir=${shellQuote(dir)}`,
    'if [ -x "$sdd_dir/node_modules/.bin/sdd" ]; then',
    '  sdd_bin="$sdd_dir/node_modules/.bin/sdd"',
    'elif [ -x node_modules/.bin/sdd ]; then',
    '  sdd_bin=node_modules/.bin/sdd',
    'elif command -v sdd >/dev/null 2>&1; then',
    '  sdd_bin=sdd',
    'else',
    '  sdd_bin=',
    `  echo "sdd: ${name} spec check skipped: sdd is neither in node_modules/.bin (run npm install) nor on PATH" >&2`,
    'fi',
    'if [ -n "$sdd_bin" ]; then',
    `  "$sdd_bin" --cwd "$sdd_dir" ${command} || {`,
    '    sdd_status=$?',
    `    echo "sdd: ${what} stopped by the spec check above (${remedy}; ${skip} skips hooks)" >&2`,
    '    exit $sdd_status',
    '  }',
    'fi',
  ];
}

// @sdd git-hooks/HOOK-013
/**
 * The command git config `merge.sdd.driver` starts (git appends ` merge-driver %O %A %B %P`
 * through mergeDriverCommand, and runs it from the top of the work tree): the same lookup as the
 * hooks, and without any sdd, git's own line merge of the three versions, so a missing install
 * never costs an edit.
 */
export function mergeDriverRunner(prefix: string): string {
  const dir = prefix.replace(/\/$/, '') || '.';
  const script = [
    'd=$1; shift 2',
    'for s in "$d/node_modules/.bin/sdd" node_modules/.bin/sdd; do if [ -x "$s" ]; then exec "$s" merge-driver "$@"; fi; done',
    'if command -v sdd >/dev/null 2>&1; then exec sdd merge-driver "$@"; fi',
    'exec git merge-file -L ours -L base -L theirs "$2" "$1" "$3"',
  ].join('; ');
  return `sh -c ${shellQuote(script)} sdd-merge-driver ${shellQuote(dir)}`;
}

/** The whole script sdd writes as `<hook>` when it chains the previous hook. */
export function chainScript(name: HookName, prefix: string): string {
  return [
    '#!/bin/sh',
    `# sdd-hook: ${name} (v${HOOK_SCRIPT_VERSION})`,
    '# Installed by `sdd hooks install`; `sdd hooks uninstall` puts back what was here before.',
    `# The hook that was here is kept as ${name}${CHAINED_SUFFIX} and runs first, with the same arguments and input.`,
    `chained="$(dirname "$0")/${name}${CHAINED_SUFFIX}"`,
    'if [ -x "$chained" ]; then',
    '  "$chained" "$@" || exit $?',
    'fi',
    ...runnerLines(name, prefix),
    '',
  ].join('\n');
}

// @sdd git-hooks/HOOK-009
/** The marked block sdd puts into a husky hook file. */
export function hookBlock(name: HookName, prefix: string, created: boolean): string {
  return [
    `# >>> sdd-hook: ${name} (v${HOOK_SCRIPT_VERSION}${created ? ', file created by sdd' : ''}) >>>`,
    '# Added by `sdd hooks install`; `sdd hooks uninstall` removes this block.',
    ...runnerLines(name, prefix),
    `# <<< sdd-hook: ${name} <<<`,
    '',
  ].join('\n');
}

const CHAIN_MARK = (name: HookName) => new RegExp(`^# sdd-hook: ${name} \\(v\\d+\\)$`, 'm');

/** Where sdd's block sits in `text`, and whether sdd created the file. */
function findBlock(name: HookName, text: string): { start: number; end: number; created: boolean } | null {
  const begin = new RegExp(`^# >>> sdd-hook: ${name} \\(v\\d+(, file created by sdd)?\\) >>>$`, 'm').exec(text);
  if (!begin) return null;
  const endMark = `# <<< sdd-hook: ${name} <<<`;
  const at = text.indexOf(endMark, begin.index);
  if (at < 0) return null;
  let end = at + endMark.length;
  if (text[end] === '\n') end++;
  return { start: begin.index, end, created: begin[1] !== undefined };
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/** True when something (a file or a symbolic link, even a broken one) is at `file`. */
function occupied(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
}

/** The file sdd installs `name` into. */
export function hookFile(loc: HookLocation, name: HookName): string {
  return loc.husky ? path.join(path.dirname(loc.dir), name) : path.join(loc.dir, name);
}

/** What is installed for `name` now. */
export function inspectHook(loc: HookLocation, name: HookName): HookState {
  const file = hookFile(loc, name);
  const text = occupied(file) ? readText(file) : null;
  if (loc.husky) {
    const block = text === null ? null : findBlock(name, text);
    const current = block !== null && text!.slice(block.start, block.end) === hookBlock(name, loc.prefix, block.created);
    return { name, file, strategy: 'block', installed: block !== null, current, chained: null, foreign: text !== null && block === null };
  }
  const chainedFile = file + CHAINED_SUFFIX;
  const ours = text !== null && CHAIN_MARK(name).test(text);
  return {
    name, file, strategy: 'chain', installed: ours, current: ours && text === chainScript(name, loc.prefix),
    chained: occupied(chainedFile) ? chainedFile : null, foreign: occupied(file) && !ours,
  };
}

export interface HookChange {
  name: HookName;
  file: string;
  /** installed: new; updated: an older or edited sdd hook was rewritten; unchanged: already current. */
  action: 'installed' | 'updated' | 'unchanged';
  /** The previous hook, now run first (chain: its new path; block: the file itself). */
  chained: string | null;
}

/**
 * Runs `work`, turning a failed file operation on `file` into an error that names the file: a
 * hooks folder that is read-only, or a core.hooksPath that points at a file, is the user's to fix.
 */
function changing<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof SddError || !code) throw err;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of its path is a file, not a folder'
        : (err as Error).message;
    throw new SddError('hook_write_failed', `Cannot change the hook file: ${why}`, {
      target: { file },
      fix: 'Make the hooks folder (`git rev-parse --git-path hooks`, set by core.hooksPath) a writable folder, then run the command again.',
      cause: err,
    });
  }
}

// @sdd git-hooks/HOOK-007
/** Installs (or brings up to date) sdd's `name` hook. Idempotent. */
export function installHook(loc: HookLocation, name: HookName): HookChange {
  return changing(hookFile(loc, name), () => installHookFile(loc, name));
}

// @sdd git-hooks/HOOK-008
function installHookFile(loc: HookLocation, name: HookName): HookChange {
  const state = inspectHook(loc, name);
  const { file } = state;
  if (state.strategy === 'block') return installBlock(loc, name, file, state.current);
  if (state.current) return { name, file, action: 'unchanged', chained: state.chained };
  const chained = file + CHAINED_SUFFIX;
  if (state.installed) {
    replaceFileAtomic(file, chainScript(name, loc.prefix), 0o755);
    return { name, file, action: 'updated', chained: state.chained };
  }
  if (state.foreign) {
    if (state.chained) {
      throw new SddError('hook_conflict', `Both ${file} and ${chained} exist, and ${name} is not sdd's hook: it was replaced after sdd chained the previous one`, {
        target: { file },
        fix: `Keep the hook you want: merge the two by hand into ${chained} and delete ${file}, then run \`sdd hooks install\` again.`,
      });
    }
    fs.renameSync(file, chained);
    try {
      replaceFileAtomic(file, chainScript(name, loc.prefix), 0o755);
    } catch (err) {
      fs.renameSync(chained, file);
      throw err;
    }
    return { name, file, action: 'installed', chained };
  }
  replaceFileAtomic(file, chainScript(name, loc.prefix), 0o755);
  return { name, file, action: 'installed', chained: state.chained };
}

// @sdd git-hooks/HOOK-009
/** Block strategy: adds sdd's block to the husky hook file, or brings it up to date. */
function installBlock(loc: HookLocation, name: HookName, file: string, current: boolean): HookChange {
  const text = readText(file);
  const block = text === null ? null : findBlock(name, text);
  // The user's own hook lines, which keep running after sdd's block.
  const others = text === null ? '' : block ? text.slice(0, block.start) + text.slice(block.end) : text;
  const chained = others.trim() ? file : null;
  if (current) return { name, file, action: 'unchanged', chained };
  if (text === null) {
    // Husky runs these files with `sh -e`, so they need no execute bit (husky's own are 0644).
    replaceFileAtomic(file, hookBlock(name, loc.prefix, true), 0o644);
    return { name, file, action: 'installed', chained: null };
  }
  if (block) {
    replaceFileAtomic(file, text.slice(0, block.start) + hookBlock(name, loc.prefix, block.created) + text.slice(block.end), modeOf(file));
    return { name, file, action: 'updated', chained };
  }
  // After a `#!` line, so the file keeps its interpreter; before everything else, so an `exit` in it cannot skip sdd.
  const at = text.startsWith('#!') && text.includes('\n') ? text.indexOf('\n') + 1 : 0;
  replaceFileAtomic(file, text.slice(0, at) + hookBlock(name, loc.prefix, false) + text.slice(at), modeOf(file));
  return { name, file, action: 'installed', chained };
}

export interface HookRemoval {
  name: HookName;
  file: string;
  /** removed: sdd's hook is gone; restored: and the previous hook is back; absent: nothing of sdd's was there. */
  action: 'removed' | 'restored' | 'absent';
}

/** Removes sdd's `name` hook and puts back the one it chained. */
export function uninstallHook(loc: HookLocation, name: HookName): HookRemoval {
  return changing(hookFile(loc, name), () => uninstallHookFile(loc, name));
}

// @sdd git-hooks/HOOK-008
function uninstallHookFile(loc: HookLocation, name: HookName): HookRemoval {
  const state = inspectHook(loc, name);
  const { file } = state;
  if (!state.installed) return { name, file, action: 'absent' };
  if (state.strategy === 'block') {
    const text = readText(file)!;
    const block = findBlock(name, text)!;
    const rest = text.slice(0, block.start) + text.slice(block.end);
    if (block.created && rest === '') {
      fs.rmSync(file);
      return { name, file, action: 'removed' };
    }
    replaceFileAtomic(file, rest, modeOf(file));
    return { name, file, action: 'restored' };
  }
  if (state.chained) {
    // One rename replaces sdd's script with the original: no moment without a hook.
    fs.renameSync(state.chained, file);
    return { name, file, action: 'restored' };
  }
  fs.rmSync(file);
  return { name, file, action: 'removed' };
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o7777;
}

// @sdd git-hooks/HOOK-010
/** Which sdd a hook would run from `top`: the project's or the top level's node_modules, PATH, or none. */
export function sddForHook(loc: HookLocation, pathVar: string | undefined): { kind: 'local' | 'global' | 'missing'; file: string | null } {
  for (const dir of [path.join(loc.top, loc.prefix), loc.top]) {
    const file = path.join(dir, 'node_modules', '.bin', 'sdd');
    if (isExecutable(file)) return { kind: 'local', file };
  }
  for (const dir of (pathVar ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.resolve(loc.top, dir, 'sdd');
    if (isExecutable(file)) return { kind: 'global', file };
  }
  return { kind: 'missing', file: null };
}

/** A path as people read it: relative to the top of the work tree when inside it. */
export function displayPath(loc: HookLocation, file: string): string {
  const rel = path.relative(loc.top, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
