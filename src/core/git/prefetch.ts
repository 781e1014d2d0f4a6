import fs from 'node:fs';
import path from 'node:path';
import { commandWord, mark, markLines } from '../shared/startup.js';
import { codeStatus, specsStatus } from './status.js';

/**
 * Starts `git status` for the project's specs folder before the CLI's modules are loaded, so
 * that git (a separate process, on another core) works while Node parses JavaScript. The index
 * refresh then awaits the answer instead of waiting for a fresh git process. Built alone as
 * dist/prefetch.cjs, which bin/sdd.js loads first and the bundle requires (scripts/build.mjs):
 * the answers below live in one module. It must stay tiny: it runs on every invocation.
 */

export { commandWord, mark, markLines };

let prefetched: { root: string; specsRel: string; output: Promise<string | null> } | null = null;
let prefetchedCode: { root: string; output: Promise<string | null> } | null = null;

// merge-driver runs inside `git merge`, once per spec file, and never reads the index.
const NO_INDEX = new Set(['init', 'new', 'help', 'completion', 'merge-driver']);
// Commands that read the code references too (src/cache/trace.ts); `status` only for its
// implemented gate.
const READS_CODE = new Set(['check', 'drift', 'trace', 'stats']);

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
  prefetched = { root: dir, specsRel, output: specsStatus(dir, specsRel).then((r) => (mark('prefetch: git status done'), r)) };
  if (READS_CODE.has(command) || (command === 'status' && args.includes('implemented'))) prefetchedCode = { root: dir, output: codeStatus(dir).then((r) => (mark('prefetch: code status done'), r)) };
}

/** The prefetched git status of the source tree, if one was started for `root`; taken once. */
export function takePrefetchedCodeStatus(root: string): Promise<string | null> | null {
  const p = prefetchedCode;
  if (!p || p.root !== root) return null;
  prefetchedCode = null;
  return p.output;
}

/** The prefetched git status of `specsRel` in `root`, if one was started; it can be taken once. */
export function takePrefetchedStatus(root: string, specsRel: string): Promise<string | null> | null {
  const p = prefetched;
  if (!p || p.root !== root || p.specsRel !== specsRel) return null;
  prefetched = null;
  return p.output;
}
