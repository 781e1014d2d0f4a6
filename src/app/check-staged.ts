import fs from 'node:fs';
import path from 'node:path';
import { mark } from '../core/shared/startup.js';
import { findProject, type ProjectPaths } from '../core/project/paths.js';
import { readConfig } from '../core/project/config.js';
import { matchesFilters, pathFilters } from '../core/project/path-filter.js';
import { BlobStore, PROJECT_WIDE_FILES, approvalSpecId, previousIds, readIndexFiles, readIndexSpecs, readStagedChanges, type IndexEntry, type IndexFiles, type IndexSpecs } from '../core/staged/changes.js';
import { scopeOfChanges } from '../core/staged/scope.js';
import { createIndexSnapshot } from '../core/staged/snapshot.js';
import { driftRuleIds } from '../core/rules/registry.js';
import { ruleSwitchedOff } from '../core/rules/engine.js';
import { filesMatching as globFiles } from '../core/shared/glob.js';
import type { Trace } from '../core/trace/files.js';
import type { CodeRef } from '../core/trace/tags.js';
import type { Finding } from '../core/check/findings.js';
import type { Project } from '../core/project/open.js';
import type { CheckResult } from '../core/check/run.js';
import type { ParseProblem, Spec } from '../core/spec/parse.js';
import type { CacheSession } from '../cache/open.js';
import type { Db } from '../cache/db.js';
import { codeGlobsByFile, fileHashes, parseProblems, specNodes, specsAtPaths } from '../cache/read.js';
import { parseSettingsDiffer } from '../cache/status.js';
import { stagedTrace } from '../cache/staged-trace.js';
import { specFilesMatching } from '../cache/query.js';
import type { Env } from '../env.js';
import type { CheckOutcome, CheckRequest } from './check.js';
import type { Git } from '../core/git/index.js';

/** What the staged change reaches: project-relative paths, sorted. */
export interface StagedScope {
  /** Staged spec files. */
  specs: string[];
  /** Spec files that depend on a staged spec. */
  dependents: string[];
  /** Other staged files under .sdd/ (config, policies, decisions…). */
  otherSddFiles: string[];
  /** Staged files outside .sdd/. */
  codeFiles: string[];
  /** Spec files whose drift the staged code bears on. */
  specsOfCode: string[];
}

export interface StagedOutcome extends CheckOutcome {
  /** The project's root folder. */
  root: string;
  /** Why nothing was checked (nothing staged, say); null when the check ran. */
  skipped: string | null;
  scope: StagedScope;
  /** Staged code files judged by the drift rules (0 when those are off). */
  driftCodeFiles: number;
}

// @sdd git-hooks/HOOK-001, git-hooks/HOOK-005
/**
 * `sdd check --staged`: every rule over the project as the next commit will hold it (git's
 * index), reporting only on what the staged change can affect. The index cache mirrors the
 * working tree and is only read: a cached spec is used when its blob id is the staged one, the
 * others are parsed from git's blobs in memory, and what rules read as files (config, policies,
 * access rights, decisions, spec positions) comes from a private snapshot of the index.
 */
export async function checkStaged(env: Pick<Env, 'openCache' | 'git'>, request: CheckRequest): Promise<StagedOutcome> {
  const paths = findProject(request.cwd);
  const repo = env.git.at(paths.root);
  const staged = await readStagedChanges(repo);
  mark('staged: changes read');
  const nothing = (why: string): StagedOutcome => ({
    root: paths.root, skipped: why, findings: [], rules: [], filesChecked: 0, driftCodeFiles: 0,
    scope: { specs: [], dependents: [], otherSddFiles: [], codeFiles: staged.code, specsOfCode: [] },
  });
  if (staged.sdd.length === 0 && staged.code.length === 0) return nothing('nothing is staged');

  const files = await readIndexFiles(repo);
  const blobs = new BlobStore(repo);
  const wide = PROJECT_WIDE_FILES.map((f) => files.byPath.get(f)).filter((e): e is IndexEntry => e !== undefined);
  await blobs.load(wide.map((e) => e.blob));
  const snapshot = createIndexSnapshot(new Map(wide.map((e) => [e.path, blobs.text(e.blob)])));
  try {
    // The config being committed decides what the rules do; a broken one that is not staged
    // must not block the commit (the disk's says only where the cache lives).
    const config = readConfig(snapshot.paths);
    let diskConfig = config;
    try {
      diskConfig = readConfig(paths);
    } catch {
      // keep the staged one
    }
    const driftRules = new Set(await driftRuleIds());
    const driftOn = [...driftRules].some((id) => !ruleSwitchedOff(config, id));
    if (staged.sdd.length === 0 && !driftOn) return nothing('nothing is staged under .sdd/ and the drift rules are off');
    const cache = await openMatchingCache(env, { paths, config: diskConfig }, files);
    const { db } = cache;
    const cached = { nodes: new Map(specNodes(db).map((n) => [n.file, n])), problems: new Map(parseProblems(db).map((p) => [p.file, p])), hashes: fileHashes(db) };
    const idPattern = config.requirements.idPattern;
    const specs = await readIndexSpecs(files, cached, blobs, { idPattern, reparse: parseSettingsDiffer(db, config) });
    const scope = scopeOfChanges(staged, files, specs, await previousIds(staged, blobs, idPattern));
    mark('staged: scope');
    // Drift for staged code files: the specs their tags name (before and after the change) or
    // whose code: globs govern them are judged too, by the drift rules only.
    const stagedCode = new Set(staged.code);
    const traced = driftOn ? await stagedTrace(db, paths, config, repo) : undefined;
    const trace = traced?.staged;
    const codeSpecs = traced ? specsOfCode(db, stagedCode, [...traced.staged.refs, ...traced.workTree], specs) : new Set<string>();
    for (const f of codeSpecs) scope.context.add(f);
    mark('staged: trace');

    const contextFiles = [...scope.context];
    const context = [...specsAtPaths(db, contextFiles.filter((f) => !specs.parsed.has(f))), ...contextFiles.flatMap((f) => specs.parsed.get(f) ?? [])]
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const ids = new Set(context.map((s) => s.id));
    const copies = [...context.map((s) => files.byPath.get(s.file)!), ...[...files.byPath.values()].filter((e) => ids.has(approvalSpecId(e.path) ?? ''))];
    await blobs.load(copies.map((e) => e.blob));
    snapshot.add(new Map(copies.map((e) => [e.path, blobs.text(e.blob)])));

    // Files whose index content is not what the cache holds, for policy scopes.
    const changed = new Set([...specs.parsed.keys(), ...[...cached.nodes.keys()].filter((f) => !files.byPath.has(f))]);
    const decisionsStaged = staged.sdd.some((c) => [c.path, c.from].some((p) => p !== undefined && approvalSpecId(p) !== null));
    const problems = [...specs.problems.values()].filter((p) => scope.files.has(p.file));
    const result = await checkSnapshot(cache, paths, repo, { paths: snapshot.paths, config }, context, problems, changed, decisionsStaged, trace);
    mark('staged: checked');

    const filters = pathFilters(paths, request.cwd, request.only);
    const driftScope = (file: string) => codeSpecs.has(file) || stagedCode.has(file);
    const inScope = (f: Finding) => matchesFilters(f.file, filters) && (scope.files.has(f.file) || (driftRules.has(f.ruleId) && driftScope(f.file)));
    const checked = new Set([...scope.files, ...codeSpecs, ...(trace ? trace.refs.filter((r) => stagedCode.has(r.file)).map((r) => r.file) : [])]);
    return {
      root: paths.root,
      skipped: null,
      findings: result.findings.filter(inScope),
      rules: result.rules,
      filesChecked: [...checked].filter((f) => matchesFilters(f, filters)).length,
      driftCodeFiles: trace ? stagedCode.size : 0,
      scope: { specs: scope.staged, dependents: scope.dependents, otherSddFiles: scope.sddFiles, codeFiles: staged.code, specsOfCode: [...codeSpecs].sort() },
    };
  } finally {
    snapshot.dispose();
  }
}

/**
 * The index cache, matched to the staged blobs by hash, so it needs no refresh to be right and
 * a commit never waits for one. It is refreshed only when it is empty, or when many staged
 * files are not in it (after a checkout, say): reading them once into the cache is cheaper
 * than parsing them from git on every commit.
 */
async function openMatchingCache(env: Pick<Env, 'openCache'>, project: Project, files: IndexFiles): Promise<CacheSession> {
  const cache = await env.openCache({ project, refresh: false });
  const hashes = fileHashes(cache.db);
  const unknown = files.specs.filter((e) => hashes.get(e.path) !== e.blob).length;
  if (hashes.size === 0 || unknown > REFRESH_THRESHOLD) {
    cache.close();
    return env.openCache({ project });
  }
  return cache;
}

/** Staged specs the cache does not hold beyond which it is refreshed first. */
const REFRESH_THRESHOLD = 64;

// @sdd git-hooks/HOOK-006
/**
 * Spec files a change to `code` files bears on: named by a tag in one of them (`refs`: as staged,
 * and as the work tree has it), or governing one through its `code:` globs.
 */
function specsOfCode(db: Db, code: Set<string>, refs: CodeRef[], specs: IndexSpecs): Set<string> {
  const out = new Set<string>();
  if (code.size === 0) return out;
  const named = new Set<string>();
  for (const r of refs) if (r.spec && code.has(r.file)) named.add(r.spec);
  for (const n of specs.nodes) if (named.has(n.id)) out.add(n.file);
  const globs = codeGlobsByFile(db);
  for (const [file, spec] of specs.parsed) globs.set(file, spec.code);
  const codeFiles = [...code].sort();
  for (const [file, list] of globs) if (list.length && globFiles(codeFiles, list).length) out.add(file);
  for (const f of [...out]) if (!specs.nodes.some((n) => n.file === f)) out.delete(f);
  return out;
}

/**
 * Runs every rule and the policies over `specs` in the snapshot `project`. Governance is loaded
 * here rather than by the engine, because its history check must run in the real repository
 * and judge the staged decision files. Policy scopes are answered by the index on disk, except
 * for `changed` files, answered by an in-memory index of their staged versions.
 */
async function checkSnapshot(cache: CacheSession, real: ProjectPaths, repo: Git, project: Project, specs: Spec[], problems: ParseProblem[], changed: Set<string>, decisionsStaged: boolean, trace: Trace | undefined): Promise<CheckResult> {
  const { db } = cache;
  const { runCheck } = await import('../core/check/run.js');
  const { policyExtension } = await import('../core/check/policies.js');
  const { loadGovernance } = await import('../core/governance/index.js');
  const { findTampering } = await import('../core/governance/tamper.js');
  return cache.withVerifications(async (verified) => {
    const [governance, tampering] = await Promise.all([
      loadGovernance(project.paths, project.config, specs, { history: false, verified }),
      // Tampering is reported on the decision file: in scope only when decision files are staged.
      decisionsStaged ? findTampering(repo, { uncommitted: 'index' }) : [],
    ]);
    const stagedSpecs = specs.filter((s) => changed.has(s.file));
    let memory: Db | undefined;
    if (stagedSpecs.length && fs.existsSync(path.join(project.paths.sddDir, 'policies.yaml'))) {
      const { memoryIndex } = await import('../cache/memory-index.js');
      const ids = new Set(stagedSpecs.map((s) => s.id));
      memory = await memoryIndex(stagedSpecs, [...governance.approvals.values()].filter((a) => ids.has(a.spec)));
    }
    const scope = (query: Parameters<typeof specFilesMatching>[1]) => {
      const out = new Set([...specFilesMatching(db, query)].filter((f) => !changed.has(f)));
      if (memory) for (const f of specFilesMatching(memory, query)) out.add(f);
      return out;
    };
    try {
      const policies = await policyExtension(project, specs, scope);
      // Drift asks git what changed since approvals, in the real repository, of the index.
      const drift = trace ? await (await import('../core/drift/index.js')).loadDrift(real, project.config, specs, governance, trace, { against: 'index', git: repo }) : undefined;
      return await runCheck({ paths: project.paths, config: project.config, specs, problems, verified, governance: { ...governance, tampering }, trace, drift, git: repo }, [policies]);
    } finally {
      memory?.close();
    }
  });
}
