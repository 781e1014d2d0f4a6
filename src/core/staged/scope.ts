import { approvalSpecId, isSpecPath, PROJECT_WIDE_FILES, type IndexFiles, type IndexSpecs, type SpecNode, type StagedChanges } from './changes.js';

export type { SpecNode } from './changes.js';

/**
 * Which files a staged change can affect, computed over the dependency graph of the index.
 * Pure: no git, no files.
 */

export interface ScopeInput {
  /** Every parsable spec of the index, in path order. */
  nodes: SpecNode[];
  /** Index spec files that could not be parsed. */
  problemFiles: string[];
  /** Staged spec files that the index still holds (not deletions). */
  stagedFiles: string[];
  /** Ids a staged change touched besides the staged files' own: old ids of edited, renamed and deleted specs, specs with staged decisions. */
  touchedIds: Iterable<string>;
  /** Other staged files under `.sdd/` still in the index, reported on when rules point at them. */
  stagedOther: string[];
  /** A project-wide file is staged: every spec is in scope. */
  whole: boolean;
}

export interface StagedScope {
  /** Files whose findings are reported. */
  files: Set<string>;
  /** Staged spec files, sorted. */
  staged: string[];
  /** Spec files in scope only because they depend (transitively) on a touched spec, sorted. */
  dependents: string[];
  /** Staged files under `.sdd/` that are not specs (decisions, config …), sorted. */
  sddFiles: string[];
  /**
   * Spec files the rules must see to judge the scope as a whole-project run would: the scope,
   * every spec sharing an id with it (duplicates) and their direct dependencies. Cycles need no
   * more: every spec on a cycle through a scope spec depends on it, so it is in the scope.
   */
  context: Set<string>;
}

// @sdd git-hooks/HOOK-002, git-hooks/HOOK-003
/**
 * Which specs a staged change can affect: the staged specs, specs sharing a touched id, and
 * every spec that depends on a touched id, transitively (a deleted or renamed id leaves its
 * dependents dangling; a changed one can make their approvals suspect).
 */
export function stagedScope(input: ScopeInput): StagedScope {
  const byId = new Map<string, SpecNode[]>();
  const dependentsOf = new Map<string, SpecNode[]>();
  const byFile = new Map<string, SpecNode>();
  const push = (map: Map<string, SpecNode[]>, key: string, node: SpecNode) => {
    const list = map.get(key);
    if (list) list.push(node);
    else map.set(key, [node]);
  };
  for (const n of input.nodes) {
    byFile.set(n.file, n);
    if (n.id) push(byId, n.id, n);
    for (const dep of new Set(n.dependsOn)) push(dependentsOf, dep, n);
  }

  const staged = [...new Set(input.stagedFiles)].sort();
  const files = new Set<string>([...staged, ...input.stagedOther]);
  const dependents = new Set<string>();
  if (input.whole) {
    for (const n of input.nodes) files.add(n.file);
    for (const p of input.problemFiles) files.add(p);
  } else {
    const touched = new Set(input.touchedIds);
    for (const f of staged) {
      const id = byFile.get(f)?.id;
      if (id) touched.add(id);
    }
    const seen = new Set<string>();
    const queue = [...touched];
    for (const id of touched) for (const n of byId.get(id) ?? []) files.add(n.file);
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const d of dependentsOf.get(id) ?? []) {
        if (!files.has(d.file)) dependents.add(d.file);
        files.add(d.file);
        if (d.id && !seen.has(d.id)) queue.push(d.id);
      }
    }
  }

  const context = new Set<string>();
  const addId = (id: string) => {
    for (const n of byId.get(id) ?? []) context.add(n.file);
  };
  for (const f of files) {
    const n = byFile.get(f);
    if (!n) continue;
    context.add(f);
    if (n.id) addId(n.id);
    for (const dep of n.dependsOn) addId(dep);
  }
  return { files, staged, dependents: [...dependents].sort(), sddFiles: [...new Set(input.stagedOther)].sort(), context };
}

/**
 * The scope of `staged` over the index: a staged project-wide file puts every spec in scope; a
 * staged decision file puts its spec in; staged specs bring their own ids and `previous` ids.
 */
export function scopeOfChanges(staged: StagedChanges, files: IndexFiles, specs: IndexSpecs, previous: Set<string>): StagedScope {
  let whole = false;
  const touchedIds = new Set(previous);
  const stagedFiles: string[] = [];
  const stagedOther: string[] = [];
  for (const c of staged.sdd) {
    for (const p of [c.path, c.from]) {
      if (p === undefined) continue;
      if (PROJECT_WIDE_FILES.includes(p)) whole = true;
      const id = approvalSpecId(p);
      if (id) touchedIds.add(id);
    }
    if (!files.byPath.has(c.path)) continue; // deleted: only its old id matters
    if (isSpecPath(c.path)) stagedFiles.push(c.path);
    else stagedOther.push(c.path);
  }
  return stagedScope({ nodes: specs.nodes, problemFiles: [...specs.problems.keys()], stagedFiles, touchedIds, stagedOther, whole });
}
