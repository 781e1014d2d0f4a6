import type { Config } from '../core/project/config.js';
import type { ProjectPaths } from '../core/project/paths.js';
import { runGit, readBlobs } from '../core/git/run.js';
import { globMatcher } from '../core/shared/glob.js';
import { ALWAYS_EXCLUDED, MAX_SCANNED_BYTES, testFileMatcher, type Trace } from '../core/trace/files.js';
import { scanReferences, type CodeRef } from '../core/trace/tags.js';
import { refreshTrace } from './trace.js';
import type { Db } from './db.js';

// @sdd git-hooks/HOOK-006
/**
 * The code references as the next commit will hold them (git's index), for `sdd check --staged`.
 * The index cache keeps the references of the work tree; a file whose index content is its
 * work-tree content (git lists no unstaged change for it) is taken from there, and the few with
 * unstaged edits are read from their staged blobs. Nothing staged is written to the cache. The
 * work tree's references come back too: how tags were before the change, in all but rare cases.
 */
export async function stagedTrace(db: Db, paths: ProjectPaths, config: Config): Promise<{ staged: Trace; workTree: CodeRef[] }> {
  const [{ trace }, listing, unstaged] = await Promise.all([
    refreshTrace(db, paths, config),
    git(paths.root, ['ls-files', '-s', '-z', '--', '.', ':(exclude).sdd']),
    git(paths.root, ['diff', '--name-only', '-z', '--no-renames', '--relative', '--']),
  ]);
  const include = config.code.include ? globMatcher(config.code.include) : null;
  const exclude = globMatcher(config.code.exclude);
  const blobOf = new Map<string, string>();
  for (const token of listing.split('\0')) {
    const m = /^(100644|100755) ([0-9a-f]+) 0\t(.*)$/s.exec(token);
    if (!m || ALWAYS_EXCLUDED.test(m[3]) || exclude(m[3]) || (include && !include(m[3]))) continue;
    blobOf.set(m[3], m[2]);
  }
  const edited = new Set(unstaged.split('\0').filter((f) => blobOf.has(f)));
  const refs: CodeRef[] = trace.refs.filter((r) => blobOf.has(r.file) && !edited.has(r.file));
  const texts = await readBlobs(paths.root, [...edited].map((f) => blobOf.get(f)!));
  const isTest = testFileMatcher(config);
  for (const file of edited) {
    const text = texts.get(blobOf.get(file)!);
    if (text === undefined || text.length > MAX_SCANNED_BYTES || text.slice(0, 8192).includes('\0')) continue;
    refs.push(...scanReferences(file, text, { testFile: isTest(file), idPattern: config.requirements.idPattern }));
  }
  return { staged: { files: [...blobOf.keys()].sort(), refs, git: true }, workTree: trace.refs };
}

async function git(root: string, args: string[]): Promise<string> {
  const r = await runGit(root, args);
  return r.code === 0 ? r.stdout.toString('utf8') : '';
}
