import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { openGit, type Git } from '../git/index.js';
import type { Project } from '../project/open.js';
import { parseSpec, type Spec } from '../spec/parse.js';
import type { DecisionRecord } from '../governance/record.js';

/** One version of a spec file: a commit that changed it, or the uncommitted working tree. */
export interface SpecVersion {
  /** 1 for the oldest. */
  version: number;
  /** Full sha; null for the working tree. */
  commit: string | null;
  /** Author email; null for the working tree. */
  author: string | null;
  /** ISO 8601 UTC: the author date, or the file's mtime for the working tree. */
  date: string;
  /** Project-relative path the file had in this version. */
  file: string;
  text: string;
  /** Null when this version does not parse as a spec. */
  spec: Spec | null;
  contentHash: string | null;
  status: string | null;
  /** The previous version's status, when this version changed it. */
  statusChangedFrom: string | null;
}

/** A decision file of the spec, as the history shows it. */
export interface DecisionEntry {
  file: string;
  record: DecisionRecord;
  /** Whether the signature verifies (or unsigned decisions are allowed); null when not checked. */
  verified: boolean | null;
}

export type TimelineEvent =
  | { kind: 'version'; time: string; version: number; commit: string | null; author: string | null; content_hash: string | null; status: string | null; status_changed_from: string | null }
  | {
    kind: DecisionRecord['decision']; time: string; actor: string; role: string; reason: string | null; file: string; commit: string | null;
    content_hash: string; verified: boolean | null;
    /** The version current when the decision was made (null: before the first one). */
    version: number | null;
    /** Whether the decision's content hash is that version's. */
    matches_version: boolean;
    /** The newest version with the decision's content hash, if any. */
    content_version: number | null;
  };

/** A file change in `git log --raw` output; paths are relative to the repository's top level. */
export interface RawChange {
  status: string;
  oldBlob: string;
  newBlob: string;
  oldPath: string;
  path: string;
}

export interface RawCommit {
  commit: string;
  author: string;
  date: string;
  changes: RawChange[];
}

/** Git access for a project: null outside a work tree. `prefix` is the project root below the top level ("" or "sub/"). */
export interface GitRepo {
  git: Git;
  prefix: string;
}

/** The project at `root` as a git repository; null outside a work tree. `git`: the gateway (Env.git). */
export async function openGitRepo(root: string, gateway?: Git): Promise<GitRepo | null> {
  const git = (gateway ?? openGit(root)).at(root);
  const prefix = await git.stdout(['rev-parse', '--show-prefix']);
  return prefix === null ? null : { git, prefix: prefix.trim() };
}

const HEADER = '\x01';
/** The `--format` every history reader uses: a marker, sha, author email, strict ISO author date. */
export const LOG_FORMAT = `--format=${HEADER}%H%x09%ae%x09%aI`;
/**
 * How history readers show merges: only files a merge changed against every parent (conflict
 * resolutions, edits made in the merge). Plain merges add nothing the merged commits do not
 * already show, and by default git lists no files for merges at all.
 */
export const MERGES = '--diff-merges=dense-combined';

/**
 * Parses `git log -z --raw --no-abbrev` output written with LOG_FORMAT (and MERGES), in git's order.
 */
export function parseRawLog(output: string): RawCommit[] {
  const commits: RawCommit[] = [];
  const tokens = output.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n+/, '');
    if (token.startsWith(HEADER)) {
      const [commit, author, date] = token.slice(1).split('\t');
      commits.push({ commit, author, date, changes: [] });
      continue;
    }
    if (commits.length === 0) continue;
    // A merge that changed a file against every parent (a conflict resolution), in combined format:
    // `::<modes> <parent blobs…> <result blob> <one status per parent>`, then one path.
    const merge = /^::+(?:\d+ )+((?:[0-9a-f]+ )+)([A-Z]+)$/.exec(token);
    if (merge) {
      const blobs = merge[1].trim().split(' ');
      const statuses = new Set(merge[2]);
      const status = statuses.size === 1 && (statuses.has('A') || statuses.has('D')) ? merge[2][0] : 'M';
      const file = tokens[++i];
      commits[commits.length - 1].changes.push({ status, oldBlob: blobs[0], newBlob: blobs[blobs.length - 1], oldPath: file, path: file });
      continue;
    }
    const m = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(token);
    if (!m) continue;
    const status = m[3];
    const twoPaths = status === 'R' || status === 'C';
    const oldPath = tokens[++i];
    const newPath = twoPaths ? tokens[++i] : oldPath;
    commits[commits.length - 1].changes.push({ status, oldBlob: m[1], newBlob: m[2], oldPath, path: newPath });
  }
  return commits;
}

/**
 * `git log <args> -z --raw --no-abbrev` in LOG_FORMAT, with MERGES where git supports it (2.31+);
 * empty before the first commit.
 */
export async function rawLog(repo: GitRepo, args: string[], paths: string[]): Promise<RawCommit[]> {
  const git = await repo.git.simple();
  for (const merges of [[MERGES], []]) {
    try {
      return parseRawLog(await git.raw(['log', ...args, ...merges, '--no-abbrev', '--raw', '-z', LOG_FORMAT, '--', ...paths]));
    } catch {
      // an older git without --diff-merges, or no commits yet: try once more plainly
    }
  }
  return [];
}

/** ISO 8601 in UTC, without milliseconds when they are zero (git dates have none). */
export function isoTime(value: string | number | Date): string {
  return new Date(value).toISOString().replace('.000Z', 'Z');
}

/** A path from git output (relative to the top level) made project-relative; null when outside the project. */
export function projectPath(repo: GitRepo, topPath: string): string | null {
  return topPath.startsWith(repo.prefix) ? topPath.slice(repo.prefix.length) : null;
}

// @sdd audit-trail/AUD-001
/**
 * Every version of the spec file at `file` (project-relative), oldest first: each commit that
 * changed it, following renames, then the working tree when it differs from the last commit.
 * Outside git there is one version, the file on disk. `git`: the gateway (Env.git).
 */
export async function specVersions(project: Project, file: string, git?: Git): Promise<SpecVersion[]> {
  const { root } = project.paths;
  const raw: Array<Omit<SpecVersion, 'version' | 'spec' | 'contentHash' | 'status' | 'statusChangedFrom'>> = [];
  const repo = await openGitRepo(root, git);
  if (repo) {
    const commits = (await rawLog(repo, ['--follow', '-M'], [file])).reverse();
    const changes = commits.map((c) => ({ c, change: c.changes[c.changes.length - 1] })).filter((x) => x.change && x.change.status !== 'D');
    const blobs = await repo.git.readBlobs(changes.map((x) => x.change.newBlob));
    for (const { c, change } of changes) {
      const text = blobs.get(change.newBlob);
      if (text === undefined) continue;
      raw.push({ commit: c.commit, author: c.author, date: isoTime(c.date), file: projectPath(repo, change.path) ?? change.path, text });
    }
  }
  const abs = path.join(root, file);
  let text: string | null = null;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    text = null;
  }
  if (text !== null && (raw.length === 0 || raw[raw.length - 1].text !== text)) {
    raw.push({ commit: null, author: null, date: isoTime(fs.statSync(abs).mtime), file, text });
  }
  const versions: SpecVersion[] = [];
  for (const [i, v] of raw.entries()) {
    const parsed = parseSpec(v.file, v.text, { requirementIdPattern: project.config.requirements.idPattern });
    const spec = parsed.ok ? parsed.spec : null;
    const status = spec?.status || null;
    const previous = versions[i - 1]?.status ?? null;
    versions.push({
      ...v, version: i + 1, spec, contentHash: spec?.contentHash ?? null, status,
      statusChangedFrom: i > 0 && status !== previous ? previous : null,
    });
  }
  return versions;
}

/** The version in effect at `time`: the newest one dated at or before it. */
function versionAt(versions: SpecVersion[], time: number): SpecVersion | null {
  let found: SpecVersion | null = null;
  for (const v of versions) if (Date.parse(v.date) <= time) found = v;
  return found;
}

/** The newest version whose content hash is `hash`. */
export function versionWithHash(versions: SpecVersion[], hash: string): SpecVersion | null {
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i].contentHash === hash) return versions[i];
  return null;
}

// @sdd audit-trail/AUD-001
/** Versions and decisions merged into one chronological list (a version first when times tie). */
export function timeline(versions: SpecVersion[], decisions: DecisionEntry[]): TimelineEvent[] {
  const events: Array<{ at: number; order: number; event: TimelineEvent }> = [];
  for (const v of versions) {
    events.push({
      at: Date.parse(v.date), order: 0,
      event: { kind: 'version', time: v.date, version: v.version, commit: v.commit, author: v.author, content_hash: v.contentHash, status: v.status, status_changed_from: v.statusChangedFrom },
    });
  }
  for (const d of decisions) {
    const r = d.record;
    const at = Date.parse(r.timestamp);
    const current = versionAt(versions, at);
    events.push({
      at, order: 1,
      event: {
        kind: r.decision, time: isoTime(r.timestamp), actor: r.principal, role: r.role, reason: r.reason, file: d.file, commit: r.commit,
        content_hash: r.content_hash, verified: d.verified, version: current?.version ?? null,
        matches_version: current !== null && current.contentHash === r.content_hash,
        content_version: versionWithHash(versions, r.content_hash)?.version ?? null,
      },
    });
  }
  return events.sort((a, b) => a.at - b.at || a.order - b.order).map((e) => e.event);
}

/** How a version is named in messages: `v3 (1a2b3c4)` or `v4 (working tree)`. */
export function versionLabel(v: SpecVersion): string {
  return `v${v.version} (${v.commit ? v.commit.slice(0, 7) : 'working tree'})`;
}

// @sdd audit-trail/AUD-002
/**
 * Resolves a version reference of `sdd diff`: a number (`3`, `v3`), a commit sha prefix,
 * `approved` (the newest version with the content of the latest approval), `HEAD` (the newest
 * committed version) or `working` (the newest version, the working tree when it differs).
 */
export function resolveVersion(versions: SpecVersion[], ref: string, latestApproval: { file: string; record: DecisionRecord } | null, specFile: string): SpecVersion {
  const valid = () => `Valid versions: ${versions.map(versionLabel).join(', ')}; or a commit sha, \`approved\`, \`HEAD\`, \`working\`. Run \`sdd history <id>\` to see them.`;
  const unknown = (why: string) => new SddError('version_not_found', why, { target: { file: specFile }, fix: valid() });
  const lower = ref.toLowerCase();
  const number = /^(v)?(\d+)$/i.exec(ref);
  if (number) {
    const v = versions[Number(number[2]) - 1];
    // A bare number of four or more digits may just as well be a sha prefix (2% of 8-digit
    // prefixes are all digits): `v3` is always a version, `29685004` whichever it names.
    const commits = !number[1] && ref.length >= 4 ? versions.filter((c) => c.commit?.startsWith(lower)) : [];
    if (v && commits.length > 0) throw unknown(`"${ref}" is both version ${v.version} and the start of commit ${commits[0].commit!.slice(0, 12)}: write \`v${v.version}\` for the version or more of the sha for the commit`);
    if (v) return v;
    if (commits.length === 1) return commits[0];
    if (commits.length > 1) throw unknown(`The commit prefix "${ref}" is ambiguous: ${commits.map(versionLabel).join(', ')}`);
    throw unknown(`There is no version ${number[2]} of ${specFile} (it has ${versions.length})${ref.length >= 4 && !number[1] ? `, and no version was committed in a commit starting with "${ref}"` : ''}`);
  }
  if (lower === 'working') return versions[versions.length - 1];
  if (lower === 'head') {
    const committed = versions.filter((v) => v.commit);
    if (committed.length === 0) throw unknown(`${specFile} has no committed version`);
    return committed[committed.length - 1];
  }
  if (lower === 'approved') {
    if (!latestApproval) {
      throw new SddError('no_approval', `${specFile} has never been approved: there is no approval record under .sdd/approvals/`, {
        target: { file: specFile },
        fix: 'Compare with a version number or commit instead (`sdd history <id>` lists them), or approve the spec first with `sdd approve <id>`.',
      });
    }
    const v = versionWithHash(versions, latestApproval.record.content_hash);
    if (!v) {
      throw new SddError('version_not_found', `The latest approval (${latestApproval.file}) is of content that no version of ${specFile} in git history has (content hash ${latestApproval.record.content_hash.replace(/^sha256:/, '').slice(0, 12)})`, {
        target: { file: latestApproval.file },
        fix: `The approved content was never committed. ${valid()}`,
      });
    }
    return v;
  }
  if (/^[0-9a-f]{4,40}$/.test(lower)) {
    const matches = versions.filter((v) => v.commit?.startsWith(lower));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw unknown(`The commit prefix "${ref}" is ambiguous: ${matches.map(versionLabel).join(', ')}`);
    throw unknown(`No version of ${specFile} was committed in a commit starting with "${ref}" (commits that did not change the file are not versions)`);
  }
  throw unknown(`"${ref}" names no version of ${specFile}`);
}
