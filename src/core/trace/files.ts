import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../project/config.js';
import { globMatcher, type PathMatcher } from '../shared/glob.js';
import type { ProjectPaths } from '../project/paths.js';
import { scanReferences, type CodeRef } from './tags.js';
import { openGit, type Git } from '../git/index.js';

/** Files larger than this are listed (for `code:` globs) but not read: bundles, data, lock files. */
export const MAX_SCANNED_BYTES = 1024 * 1024;

/** What drift knows about the source tree. */
export interface Trace {
  /** Every candidate file, project-relative, sorted. */
  files: string[];
  refs: CodeRef[];
  /** The file list came from git (so "changed since a commit" can be asked of git). */
  git: boolean;
}

export interface CodeFileList {
  files: string[];
  git: boolean;
}

/** Folders never scanned, wherever they are. */
export const ALWAYS_EXCLUDED = /(?:^|\/)(?:node_modules|\.git)\/|^\.sdd\//;

// @sdd traceability/DRF-003
/**
 * The files drift scans: `code.include` globs when set; otherwise every file git knows in the
 * project (tracked, or untracked and not ignored), or every file below the root outside git.
 * `code.exclude`, node_modules/ and .sdd/ are left out. `git`: the gateway (unset, one for the
 * root with this process's environment).
 */
export async function listCodeFiles(paths: ProjectPaths, config: Config, gateway?: Git): Promise<CodeFileList> {
  const git = (gateway ?? openGit(paths.root)).at(paths.root);
  const exclude = globMatcher(config.code.exclude);
  const keep = (f: string) => !ALWAYS_EXCLUDED.test(f) && !exclude(f);
  if (config.code.include) return { files: (await globFiles(paths.root, config.code.include)).filter(keep), git: await git.isWorkTree() };
  const listed = await git.stdout(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate']);
  if (listed !== null) {
    const files = [...new Set(listed.split('\0').filter(Boolean))].filter(keep).sort();
    return { files, git: true };
  }
  return { files: (await globFiles(paths.root, ['**/*'])).filter(keep), git: false };
}

async function globFiles(root: string, patterns: string[]): Promise<string[]> {
  const { default: fg } = await import('fast-glob');
  const files = await fg(patterns, { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**', '.sdd/**'], suppressErrors: true });
  return files.sort();
}

/** A matcher for `code.tests`. */
export function testFileMatcher(config: Config): PathMatcher {
  return globMatcher(config.code.tests);
}

// @sdd traceability/DRF-003
/**
 * Reads one file and returns its references, or null when it is not text worth scanning
 * (missing, too large, or binary: a NUL byte in its first 8 KiB).
 */
export function scanFile(root: string, file: string, config: Config, isTest: PathMatcher): CodeRef[] | null {
  let buf: Buffer;
  try {
    const abs = path.join(root, file);
    if (fs.statSync(abs).size > MAX_SCANNED_BYTES) return null;
    buf = fs.readFileSync(abs);
  } catch {
    return null;
  }
  if (buf.subarray(0, 8192).includes(0)) return null;
  const testFile = isTest(file);
  // Most files mention neither: skip decoding them.
  if (!testFile && !buf.includes('@sdd')) return [];
  return scanReferences(file, buf.toString('utf8'), { testFile, idPattern: config.requirements.idPattern });
}

/** Lists and scans every code file, without the index (rule tests, and the index's first build use the same steps). */
export async function scanCodeFiles(paths: ProjectPaths, config: Config, gateway?: Git): Promise<Trace> {
  const { files, git } = await listCodeFiles(paths, config, gateway);
  const isTest = testFileMatcher(config);
  const refs: CodeRef[] = [];
  for (const f of files) refs.push(...(scanFile(paths.root, f, config, isTest) ?? []));
  return { files, refs, git };
}
