import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Starts `git status` for the project's specs folder before the CLI's modules are loaded, so
 * that git (a separate process, on another core) works while Node parses JavaScript. The index
 * refresh then awaits the answer instead of waiting for a fresh git process. This module must
 * stay tiny: it runs on every invocation, before anything else.
 */

export interface StatusPrefetch {
  root: string;
  specsRel: string;
  output: Promise<string | null>;
}

let prefetched: StatusPrefetch | null = null;

const STATUS = ['--no-optional-locks', 'status', '--porcelain=v2', '-z', '--no-renames'];

/**
 * git status (porcelain v2) of the tracked files below `specsRel` in `root`: the HEAD commit and
 * every tracked path that differs from it. Leaving untracked files out roughly halves git's work
 * on a large specs folder; src/cache/refresh.ts watches those by folder stat instead. Null
 * outside a work tree or without git.
 */
export function gitStatus(root: string, specsRel: string): Promise<string | null> {
  return runGit(root, [...STATUS, '--branch', '--no-ahead-behind', '--untracked-files=no', '--', specsRel]);
}

/**
 * The files below `specsRel` that git does not track, ignored ones included, relative to `root`
 * and separated by NUL; null outside a work tree or without git.
 */
export function gitUntracked(root: string, specsRel: string): Promise<string | null> {
  return runGit(root, ['ls-files', '-z', '--others', '--', specsRel]);
}

/**
 * git status of the source tree drift scans (everything but .sdd/; ignored files are not scanned
 * by default, so they are left out): the HEAD commit and every path that differs from it.
 */
export function codeStatus(root: string): Promise<string | null> {
  return runGit(root, [...STATUS, '--branch', '--no-ahead-behind', '--untracked-files=all', '--', '.', ':(exclude).sdd']);
}

/** Runs git in `root`; its stdout, or null when git fails or is missing. */
export function runGit(root: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let child;
    try {
      child = spawn('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve(null);
      return;
    }
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : null));
  });
}

// merge-driver runs inside `git merge`, once per spec file, and never reads the index.
const NO_INDEX = new Set(['init', 'new', 'help', 'completion', 'merge-driver']);
// Commands that read the code references too (src/cache/trace.ts); `status` only for its
// implemented gate.
const READS_CODE = new Set(['check', 'drift', 'trace', 'stats']);
let prefetchedCode: { root: string; output: Promise<string | null> } | null = null;

/**
 * The command word of `args` (process.argv without node and the script), skipping global options
 * and the value of --cwd; undefined when there is none. bin/sdd.js names its code cache by it,
 * src/cli.ts loads that command's module.
 */
export function commandWord(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--cwd') i++;
    else if (a === '--') return undefined;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Called by bin/sdd.js with process.argv: starts git status when the command will read the index. */
export function prefetchStatus(argv: string[]): void {
  const args = argv.slice(2);
  if (args.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V')) return;
  // `check --staged` matches the cache to git's index by hash and refreshes it only rarely.
  if (args.includes('--staged')) return;
  const command = commandWord(args);
  if (!command || NO_INDEX.has(command)) return;
  const cwdIndex = args.indexOf('--cwd');
  const inline = args.find((a) => a.startsWith('--cwd='));
  let dir = path.resolve(cwdIndex >= 0 && args[cwdIndex + 1] ? args[cwdIndex + 1] : inline ? inline.slice(6) : '.');
  for (;;) {
    if (fs.statSync(path.join(dir, '.sdd', 'specs'), { throwIfNoEntry: false })?.isDirectory()) break;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
  const specsRel = '.sdd/specs';
  mark('prefetch: spawning git status');
  prefetched = { root: dir, specsRel, output: gitStatus(dir, specsRel).then((r) => (mark('prefetch: git status done'), r)) };
  if (READS_CODE.has(command) || (command === 'status' && args.includes('implemented'))) prefetchedCode = { root: dir, output: codeStatus(dir).then((r) => (mark('prefetch: code status done'), r)) };
}

/** The prefetched git status of the source tree, if one was started for `root`; taken once. */
export function takePrefetchedCodeStatus(root: string): Promise<string | null> | null {
  const p = prefetchedCode;
  if (!p || p.root !== root) return null;
  prefetchedCode = null;
  return p.output;
}

/** The prefetched git status for this project, if one was started; it can be taken once. */
export function takePrefetchedStatus(root: string, specsRel: string): Promise<string | null> | null {
  const p = prefetched;
  if (!p || p.root !== root || p.specsRel !== specsRel) return null;
  prefetched = null;
  return p.output;
}

const marks: Array<[string, number]> = [];

/** Records a timing mark; with SDD_PROFILE=1 the marks are printed to stderr at exit. */
export function mark(name: string): void {
  if (!process.env.SDD_PROFILE) return;
  if (marks.length === 0) process.on('exit', () => process.stderr.write(marks.map(([n, t]) => `${t.toFixed(1).padStart(7)} ms  ${n}\n`).join('')));
  marks.push([name, performance.now()]);
}
