import { SddError } from '../shared/errors.js';
import { parseIndexListing, type IndexEntry } from '../git/blobs.js';
import { parseRawDiff, type RawDiffEntry } from '../git/diff.js';
import type { Git, GitOutput } from '../git/index.js';
import { SDD_DIR } from '../project/paths.js';
import { parseSpec, type ParseProblem, type Spec } from '../spec/parse.js';

/** A spec as the scope computation needs it. */
export interface SpecNode {
  file: string;
  id: string;
  dependsOn: string[];
}

/**
 * What `sdd check --staged` looks at: the content of git's index (what the next commit will
 * hold), read with git plumbing, never the working tree, and which files a staged change can
 * affect. Everything here returns values; the check itself is run by the command.
 */

/** One entry of `git diff --cached --raw --relative`: a staged path, project-relative; the old side is HEAD. */
export type StagedChange = RawDiffEntry;

export { parseRawDiff };

export interface StagedChanges {
  /** Every staged change below the project root, in git's order. */
  changes: StagedChange[];
  /** The changes to files under `.sdd/` (either side of a rename). */
  sdd: StagedChange[];
  /**
   * Staged paths outside `.sdd/` (new side of a rename; deleted files too). Nothing checks them
   * yet: they are what drift rules will scope to (code governed by a spec's `code:` globs).
   */
  code: string[];
}

export type { IndexEntry };

// @sdd git-hooks/HOOK-003
/** Files whose change can affect every spec: settings, policies, access rights, the constitution. */
export const PROJECT_WIDE_FILES = ['config.yaml', 'policies.yaml', 'access.yml', 'constitution.md', 'allowed_signers'].map((f) => `${SDD_DIR}/${f}`);

const SPEC_FILE = /\.(md|ya?ml)$/i;
const SPECS_PREFIX = `${SDD_DIR}/specs/`;
const APPROVALS_PREFIX = `${SDD_DIR}/approvals/`;

/**
 * True for a project-relative path that sdd reads as a spec: `.md`, `.yaml` or `.yml` under
 * `.sdd/specs/`, with no dot-file or dot-directory on the way (the same files as the index walk).
 */
export function isSpecPath(rel: string): boolean {
  if (!rel.startsWith(SPECS_PREFIX) || !SPEC_FILE.test(rel)) return false;
  return !rel.slice(SPECS_PREFIX.length).split('/').some((part) => part.startsWith('.'));
}

/** The spec id a decision file belongs to (`.sdd/approvals/<id>/…`), or null. */
export function approvalSpecId(rel: string): string | null {
  if (!rel.startsWith(APPROVALS_PREFIX)) return null;
  const parts = rel.slice(APPROVALS_PREFIX.length).split('/');
  return parts.length >= 2 && parts[0] ? parts[0] : null;
}

function gitFailure(root: string, r: GitOutput, what: string): SddError {
  if (/not a git repository/i.test(r.stderr)) {
    return new SddError('not_a_git_repository', `${root} is not inside a git work tree, so there is no staged content to check`, {
      target: { file: root },
      fix: 'Run `sdd check --staged` inside a git repository (after `git init` and `git add`), or drop --staged to check the files on disk.',
    });
  }
  return new SddError('git_failed', `git ${what} failed in ${root}: ${r.stderr || `exit ${r.code}`}`, {
    fix: 'Check that `git status` works in this folder (a damaged or locked index shows up there too).',
  });
}

async function git(repo: Git, args: string[], what: string, input?: string): Promise<Buffer> {
  let r: GitOutput;
  try {
    r = await repo.run(args, input);
  } catch (err) {
    throw new SddError('git_not_found', 'git was not found on PATH; `sdd check --staged` reads the staged content through git', {
      fix: 'Install git (e.g. `apt-get install git`), or drop --staged.',
      cause: err,
    });
  }
  if (r.code !== 0) throw gitFailure(repo.dir, r, what);
  return r.stdout;
}

// @sdd git-hooks/HOOK-001, git-hooks/HOOK-002
/**
 * What is staged below the project root (`repo`'s folder): index against HEAD (against the empty tree
 * before the first commit), renames detected. Throws `not_a_git_repository` outside a work tree.
 */
export async function readStagedChanges(repo: Git): Promise<StagedChanges> {
  // Outside a work tree `git diff` falls back to comparing two paths: ask git where it is first
  // (in parallel, as the answer is nearly always yes).
  const [inside, diff] = await Promise.allSettled([
    git(repo, ['rev-parse', '--is-inside-work-tree'], 'rev-parse'),
    git(repo, ['diff', '--cached', '--raw', '-z', '-M', '--no-abbrev', '--relative', '--ignore-submodules=all'], 'diff --cached'),
  ]);
  if (inside.status === 'rejected') throw inside.reason;
  if (inside.value.toString('utf8').trim() !== 'true') throw gitFailure(repo.dir, { code: 128, stdout: Buffer.alloc(0), stderr: 'not a git repository (inside a .git folder)' }, 'rev-parse');
  if (diff.status === 'rejected') throw diff.reason;
  const raw = diff.value;
  const changes = parseRawDiff(raw.toString('utf8'));
  const inSdd = (p: string | undefined) => p !== undefined && p.startsWith(`${SDD_DIR}/`);
  return {
    changes,
    sdd: changes.filter((c) => inSdd(c.path) || inSdd(c.from)),
    code: changes.filter((c) => !inSdd(c.path)).map((c) => c.path),
  };
}

/** The index below `.sdd/`: what the next commit will hold there. */
export interface IndexFiles {
  /** Regular files (not symbolic links or submodules), by project-relative path. */
  byPath: Map<string, IndexEntry>;
  /** The spec files among them, in path order. */
  specs: IndexEntry[];
}

// @sdd git-hooks/HOOK-001
/**
 * Lists the index below `.sdd/`, with each file's blob id. An unresolved merge conflict is an
 * error: there is no single staged version to check.
 */
export async function readIndexFiles(repo: Git): Promise<IndexFiles> {
  const listing = await git(repo, ['ls-files', '-s', '-z', '--', SDD_DIR], 'ls-files');
  const byPath = new Map<string, IndexEntry>();
  for (const entry of parseIndexListing(listing.toString('utf8'))) {
    if (entry.stage !== 0) {
      throw new SddError('unmerged_path', `${entry.path} has an unresolved merge conflict in the index`, {
        target: { file: entry.path },
        fix: 'Resolve the conflict, then `git add` the file (or `git rm` it), and run the check again.',
      });
    }
    // The index walk does not follow symbolic links, and submodules hold no specs.
    if (entry.mode === '100644' || entry.mode === '100755') byPath.set(entry.path, entry);
  }
  return {
    byPath,
    specs: [...byPath.values()].filter((e) => isSpecPath(e.path)),
  };
}

/** Blob contents read from git, remembered by sha; one `git cat-file --batch` per `load`. */
export class BlobStore {
  private readonly texts = new Map<string, string>();
  constructor(private readonly git: Git) {}

  async load(shas: string[]): Promise<void> {
    const wanted = shas.filter((s) => !this.texts.has(s));
    for (const [sha, text] of await this.git.readBlobs(wanted)) this.texts.set(sha, text);
  }

  /** A loaded blob's text ('' when git did not have it). */
  text(sha: string): string {
    return this.texts.get(sha) ?? '';
  }
}

/** The index cache, as far as the staged check uses it. */
export interface CachedSpecs {
  nodes: Map<string, SpecNode>;
  problems: Map<string, ParseProblem>;
  /** Each indexed file's blob id, by path. */
  hashes: Map<string, string>;
}

/** The specs of the index. */
export interface IndexSpecs {
  /** Every parsable spec, in path order. */
  nodes: SpecNode[];
  /** The specs read from git, by path: those whose index content the cache does not have. */
  parsed: Map<string, Spec>;
  /** Spec files that cannot be parsed, by path. */
  problems: Map<string, ParseProblem>;
}

/**
 * The specs as the index holds them. The cache keeps git's blob id of every file it parsed, so
 * a spec whose staged blob is the cached one is taken from the cache, however the working tree
 * has changed since; the others (staged edits, files the cache has not seen, or every one when
 * `reparse` says the cache was parsed with other settings) are read from git and parsed in
 * memory, never written to the cache.
 */
export async function readIndexSpecs(files: IndexFiles, cached: CachedSpecs, blobs: BlobStore, opts: { idPattern: string; reparse: boolean }): Promise<IndexSpecs> {
  const fromGit = files.specs.filter((e) => opts.reparse || cached.hashes.get(e.path) !== e.blob);
  await blobs.load(fromGit.map((e) => e.blob));
  const parsed = new Map<string, Spec>();
  const problems = new Map<string, ParseProblem>();
  for (const e of fromGit) {
    const r = parseSpec(e.path, blobs.text(e.blob), { requirementIdPattern: opts.idPattern });
    if (r.ok) parsed.set(e.path, r.spec);
    else problems.set(e.path, r.problem);
  }
  const nodes: SpecNode[] = [];
  for (const e of files.specs) {
    const node = parsed.get(e.path) ?? (problems.has(e.path) ? undefined : cached.nodes.get(e.path));
    if (node) nodes.push(node);
    else if (!problems.has(e.path) && cached.problems.has(e.path)) problems.set(e.path, cached.problems.get(e.path)!);
  }
  return { nodes, parsed, problems };
}

// @sdd git-hooks/HOOK-002
/**
 * The ids that staged edits, renames and deletions of specs took away or changed, from HEAD's
 * side of each: specs that depended on them are affected even though they are not staged.
 */
export async function previousIds(staged: StagedChanges, blobs: BlobStore, idPattern: string): Promise<Set<string>> {
  const old = staged.sdd.filter((c) => c.status !== 'A' && isSpecPath(c.from ?? c.path) && !/^0+$/.test(c.oldBlob));
  await blobs.load(old.map((c) => c.oldBlob));
  const ids = new Set<string>();
  for (const c of old) {
    const r = parseSpec(c.from ?? c.path, blobs.text(c.oldBlob), { requirementIdPattern: idPattern });
    if (r.ok && r.spec.id) ids.add(r.spec.id);
  }
  return ids;
}
