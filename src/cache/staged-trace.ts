import type { Config } from '../core/project/config.js';
import type { ProjectPaths } from '../core/project/paths.js';
import { parseIndexListing } from '../core/git/blobs.js';
import type { Git } from '../core/git/index.js';
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
export async function stagedTrace(db: Db, paths: ProjectPaths, config: Config, repo: Git): Promise<{ staged: Trace; workTree: CodeRef[] }> {
  const [{ trace }, listing, unstaged] = await Promise.all([
    refreshTrace(db, paths, config, repo),
    git(repo, ['ls-files', '-s', '-z', '--', '.', ':(exclude).sdd']),
    git(repo, ['diff', '--name-only', '-z', '--no-renames', '--relative', '--']),
  ]);
  const include = config.code.include ? globMatcher(config.code.include) : null;
  const exclude = globMatcher(config.code.exclude);
  const blobOf = new Map<string, string>();
  for (const e of parseIndexListing(listing)) {
    if ((e.mode !== '100644' && e.mode !== '100755') || e.stage !== 0 || ALWAYS_EXCLUDED.test(e.path) || exclude(e.path) || (include && !include(e.path))) continue;
    blobOf.set(e.path, e.blob);
  }
  const edited = new Set(unstaged.split('\0').filter((f) => blobOf.has(f)));
  const refs: CodeRef[] = trace.refs.filter((r) => blobOf.has(r.file) && !edited.has(r.file));
  const texts = await repo.readBlobs([...edited].map((f) => blobOf.get(f)!));
  const isTest = testFileMatcher(config);
  for (const file of edited) {
    const text = texts.get(blobOf.get(file)!);
    if (text === undefined || text.length > MAX_SCANNED_BYTES || text.slice(0, 8192).includes('\0')) continue;
    refs.push(...scanReferences(file, text, { testFile: isTest(file), idPattern: config.requirements.idPattern }));
  }
  return { staged: { files: [...blobOf.keys()].sort(), refs, git: true }, workTree: trace.refs };
}

async function git(repo: Git, args: string[]): Promise<string> {
  const r = await repo.run(args);
  return r.code === 0 ? r.stdout.toString('utf8') : '';
}
