import type { Spec } from '../spec/parse.js';
import { filesMatching } from '../shared/glob.js';
import { SddError } from '../shared/errors.js';
import type { CodeRef } from '../trace/tags.js';
import type { Trace } from '../trace/files.js';

/**
 * Drift between specs and code, decided from files and git alone (DESIGN.md §8). Pure: the
 * caller gathers the trace, the approval anchors and what git says changed.
 */

export type RequirementStatus = 'covered' | 'uncovered' | 'untested' | 'pending';
export type SpecProblem = 'code-drift' | 'suspect' | 'outdated' | 'orphaned' | 'uncovered' | 'untested';
export const SPEC_PROBLEMS: readonly SpecProblem[] = ['code-drift', 'suspect', 'outdated', 'orphaned', 'uncovered', 'untested'];

export interface Place {
  file: string;
  line: number;
  column: number;
}

export interface RequirementDrift {
  id: string;
  line: number;
  column: number;
  /** covered: implemented (and tested, when required); uncovered/untested: owed but missing; pending: not owed yet (the spec is not approved). */
  status: RequirementStatus;
  impl: Place[];
  test: Place[];
  /** Changed files (since the anchor) that implement this requirement. */
  changed: string[];
}

export interface Coverage {
  requirements: number;
  implemented: number;
  tested: number;
}

/** The decision drift measures code changes from: the newest valid approval or acceptance. */
export interface DriftAnchor {
  kind: 'approval' | 'acceptance';
  /** Project-relative decision file. */
  file: string;
  timestamp: string;
  commit: string | null;
  principal: string;
  /** Content hashes of the dependencies when it was made. */
  dependencies: Record<string, string>;
}

/** What git says changed since a anchor commit (files relative to the project root). */
export type ChangeSet = { files: Set<string> } | { error: string };

export interface CodeDrift {
  anchor: DriftAnchor;
  /** Governed or implementing files changed since the anchor's commit. */
  changed: string[];
  /** Why changes could not be computed (no commit, unknown commit); every governed file counts then. */
  reason: string | null;
}

export interface TagProblem {
  ref: CodeRef;
  kind: 'orphaned' | 'outdated';
  message: string;
  /** The spec concerned, when the tag names one that exists. */
  spec: string | null;
}

export interface SpecDrift {
  id: string;
  file: string;
  status: string;
  domain: string | null;
  /** Empty when the spec is in order. */
  problems: SpecProblem[];
  requirements: RequirementDrift[];
  /** Tags naming the spec without a requirement. */
  specRefs: Place[];
  /** Files matched by the spec's `code:` globs. */
  governed: string[];
  coverage: Coverage;
  anchor: DriftAnchor | null;
  codeDrift: CodeDrift | null;
  /** Dependencies whose content changed since the anchor. */
  suspect: string[];
  /** Problem tags (orphaned, outdated) that name this spec. */
  tags: TagProblem[];
}

export interface DriftReport {
  specs: SpecDrift[];
  /** Every orphaned or outdated tag, by file and line. */
  tags: TagProblem[];
  coverage: { overall: Coverage; domains: Record<string, Coverage> };
  requireTests: boolean;
  /** Code drift could be computed (a git work tree). */
  git: boolean;
}

export interface DriftInput {
  specs: Spec[];
  trace: Trace;
  requireTests: boolean;
  /** DriftAnchor of each spec that has a valid approval (or acceptance) of its current content. */
  anchors: Map<string, DriftAnchor>;
  /** Changes since each anchor commit (keyed by commit; `null` key: no commit recorded). */
  changes: Map<string | null, ChangeSet>;
  /** Files git does not track yet (new since any commit). */
  untracked: Set<string>;
}

const needsCoverage = (status: string) => status === 'approved' || status === 'implemented';

// @sdd traceability/DRF-004, traceability/DRF-009
/** Classifies every reference and every requirement, and sums up coverage. */
export function analyseDrift(input: DriftInput): DriftReport {
  const byId = new Map<string, Spec>();
  for (const s of input.specs) if (s.id && !byId.has(s.id)) byId.set(s.id, s);

  const refsBySpec = new Map<string, CodeRef[]>();
  const tags: TagProblem[] = [];
  const tagsBySpec = new Map<string, TagProblem[]>();
  for (const ref of resolveTestNames(input.trace.refs, byId)) {
    if (ref.spec === null) continue;
    const spec = byId.get(ref.spec);
    const where = ref.requirement ? `${ref.spec}/${ref.requirement}` : ref.spec;
    if (!spec) {
      tags.push({ ref, kind: 'orphaned', spec: null, message: `${where} names no spec: there is no spec with the id "${ref.spec}"` });
      continue;
    }
    if (spec.status === 'deprecated') {
      tags.push({ ref, kind: 'orphaned', spec: spec.id, message: `${where} names ${spec.id}, which is deprecated` });
      continue;
    }
    if (ref.requirement && !spec.requirements.some((r) => r.id === ref.requirement)) {
      tags.push({ ref, kind: 'orphaned', spec: spec.id, message: `${where} names no requirement: ${spec.id} has no ${ref.requirement}` });
      continue;
    }
    if (ref.pin && !spec.contentHash.replace(/^sha256:/, '').startsWith(ref.pin)) {
      tags.push({ ref, kind: 'outdated', spec: spec.id, message: `${where} is pinned to @${ref.pin}, but ${spec.id} has changed since (now @${shortHash(spec)})` });
    }
    let list = refsBySpec.get(spec.id);
    if (!list) refsBySpec.set(spec.id, (list = []));
    list.push(ref);
  }

  for (const t of tags) if (t.spec !== null) (tagsBySpec.get(t.spec) ?? tagsBySpec.set(t.spec, []).get(t.spec)!).push(t);
  const specs: SpecDrift[] = [];
  const overall: Coverage = { requirements: 0, implemented: 0, tested: 0 };
  const domains: Record<string, Coverage> = {};
  for (const spec of byId.values()) {
    if (spec.status === 'deprecated') continue;
    const refs = refsBySpec.get(spec.id) ?? [];
    const owed = needsCoverage(spec.status);
    const anchor = input.anchors.get(spec.id) ?? null;
    const governed = governedFiles(spec, input.trace.files);
    const codeDrift = anchor && input.trace.git ? codeDriftOf(governed, anchor, refs, input) : null;
    const changedSet = new Set(codeDrift?.changed ?? []);
    const requirements: RequirementDrift[] = spec.requirements.map((r) => {
      const mine = refs.filter((x) => x.requirement === r.id);
      const impl = mine.filter((x) => x.role === 'impl').map(place);
      const test = mine.filter((x) => x.role === 'test').map(place);
      let status: RequirementStatus = 'covered';
      if (impl.length === 0) status = owed ? 'uncovered' : 'pending';
      else if (input.requireTests && test.length === 0) status = owed ? 'untested' : 'pending';
      const changed = [...new Set(impl.map((p) => p.file).filter((f) => changedSet.has(f)))];
      return { id: r.id, line: r.line, column: r.column, status, impl, test, changed };
    });
    const coverage: Coverage = {
      requirements: requirements.length,
      implemented: requirements.filter((r) => r.impl.length > 0).length,
      tested: requirements.filter((r) => r.test.length > 0).length,
    };
    add(overall, coverage);
    add((domains[spec.domain ?? ''] ??= { requirements: 0, implemented: 0, tested: 0 }), coverage);
    const suspect = anchor ? changedDependencies(spec, anchor, byId) : [];
    const mineTags = tagsBySpec.get(spec.id) ?? [];
    const problems = SPEC_PROBLEMS.filter((p) => {
      if (p === 'code-drift') return Boolean(codeDrift && codeDrift.changed.length);
      if (p === 'suspect') return suspect.length > 0;
      if (p === 'outdated' || p === 'orphaned') return mineTags.some((t) => t.kind === p);
      return requirements.some((r) => r.status === p);
    });
    specs.push({
      id: spec.id, file: spec.file, status: spec.status, domain: spec.domain, problems, requirements,
      specRefs: refs.filter((x) => !x.requirement).map(place), governed,
      coverage, anchor, codeDrift, suspect, tags: mineTags,
    });
  }
  specs.sort((a, b) => a.id.localeCompare(b.id));
  tags.sort((a, b) => a.ref.file.localeCompare(b.ref.file) || a.ref.line - b.ref.line || a.ref.column - b.ref.column);
  return { specs, tags, coverage: { overall, domains }, requireTests: input.requireTests, git: input.trace.git };
}

// @sdd traceability/DRF-008
/**
 * What `sdd status <id> implemented` still needs, one line each: requirements without
 * implementing code (or tests, when required), and code changed since the latest approval or
 * acceptance. Empty when the evidence is complete.
 */
export function missingEvidence(s: SpecDrift): string[] {
  const out: string[] = [];
  for (const r of s.requirements) {
    if (r.impl.length === 0) out.push(`${r.id} has no implementing code (tag it \`@sdd ${s.id}/${r.id}\`)`);
    else if (r.status === 'untested') out.push(`${r.id} has no test (tag one \`@sdd ${s.id}/${r.id} role=test\`, or name a test after it)`);
  }
  const d = s.codeDrift;
  if (d && d.changed.length) {
    const files = d.changed.slice(0, 3).join(', ') + (d.changed.length > 3 ? ` and ${d.changed.length - 3} more` : '');
    out.push(d.reason ? `its code cannot be compared with the ${d.anchor.kind}, because ${d.reason}: ${files}` : `its code changed since the ${d.anchor.kind} at ${d.anchor.commit!.slice(0, 7)}: ${files} (review it, then \`sdd drift accept ${s.id}\`)`);
  }
  return out;
}

/** The content-hash prefix a tag can be pinned to (what `sdd trace` shows). */
export function shortHash(spec: Spec): string {
  return spec.contentHash.replace(/^sha256:/, '').slice(0, 8);
}

// @sdd traceability/DRF-001
/**
 * Gives test names that carry only a requirement id (`it('REQ-001 …')`) their spec: one that
 * another reference in the same file names and that has the requirement; else, among the specs
 * that have it, the one the file is named after (`billing.test.ts`, `test_billing.py`); else the
 * only spec in the project with it. Test names that stay ambiguous are dropped, never guessed.
 */
function resolveTestNames(refs: CodeRef[], byId: Map<string, Spec>): CodeRef[] {
  const specsInFile = new Map<string, Set<string>>();
  for (const r of refs) {
    if (r.spec === null) continue;
    let set = specsInFile.get(r.file);
    if (!set) specsInFile.set(r.file, (set = new Set()));
    set.add(r.spec);
  }
  let owners: Map<string, string[]> | undefined;
  const out: CodeRef[] = [];
  for (const r of refs) {
    if (r.spec !== null) {
      out.push(r);
      continue;
    }
    const has = (id: string) => byId.get(id)?.requirements.some((q) => q.id === r.requirement) ?? false;
    const local = [...(specsInFile.get(r.file) ?? [])].filter(has);
    let spec: string | undefined;
    if (local.length === 1) spec = local[0];
    else if (local.length === 0) {
      if (!owners) {
        owners = new Map();
        for (const s of byId.values()) for (const q of s.requirements) (owners.get(q.id) ?? owners.set(q.id, []).get(q.id)!).push(s.id);
      }
      const all = owners.get(r.requirement!) ?? [];
      const named = all.filter((id) => namedAfter(r.file, id));
      if (named.length === 1) spec = named[0];
      else if (all.length === 1) spec = all[0];
    }
    if (spec) out.push({ ...r, spec });
  }
  return out;
}

/** The file's name, minus test affixes and extensions, is the spec id (`test/billing.test.ts`, `billing_test.go`). */
function namedAfter(file: string, id: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase().replace(/\..*$/, '').replace(/^test[_-]|[_-](?:test|spec)$/g, '');
  return base === id.toLowerCase() || base.replace(/_/g, '-') === id.toLowerCase();
}

// @sdd traceability/DRF-005
function codeDriftOf(governed: string[], anchor: DriftAnchor, refs: CodeRef[], input: DriftInput): CodeDrift {
  const files = new Set([...governed, ...refs.filter((r) => r.role === 'impl').map((r) => r.file)]);
  const change = input.changes.get(anchor.commit);
  if (!change || 'error' in change) {
    const reason = change && 'error' in change ? change.error : anchor.commit === null ? `the ${anchor.kind} was recorded before the first commit` : 'git could not compare';
    return { anchor, changed: [...files].sort(), reason };
  }
  return { anchor, changed: [...files].filter((f) => change.files.has(f) || input.untracked.has(f)).sort(), reason: null };
}

function changedDependencies(spec: Spec, anchor: DriftAnchor, byId: Map<string, Spec>): string[] {
  return spec.dependsOn.filter((dep) => {
    const now = byId.get(dep)?.contentHash;
    return now !== undefined && anchor.dependencies[dep] !== now;
  }).sort();
}

/** Files of the trace (sorted) matched by the spec's `code:` globs. */
export function governedFiles(spec: Spec, files: string[]): string[] {
  if (spec.code.length === 0) return [];
  try {
    return filesMatching(files, spec.code);
  } catch (err) {
    // The glob came from this spec: say so, so that the user knows which file to fix.
    if (!(err instanceof SddError) || err.code !== 'glob_too_complex' || err.target) throw err;
    throw new SddError(err.code, `${err.message} (in \`code:\` of ${spec.file})`, { target: { file: spec.file }, fix: err.fix, cause: err });
  }
}

const place = (r: CodeRef): Place => ({ file: r.file, line: r.line, column: r.column });

function add(into: Coverage, c: Coverage): void {
  into.requirements += c.requirements;
  into.implemented += c.implemented;
  into.tested += c.tested;
}

/** The coverage of several specs together. */
export function sumCoverage(list: Coverage[]): Coverage {
  const out: Coverage = { requirements: 0, implemented: 0, tested: 0 };
  for (const c of list) add(out, c);
  return out;
}

/** `83%`, or `-` when there is nothing to count. */
export function percent(n: number, of: number): string {
  return of === 0 ? '-' : `${Math.round((100 * n) / of)}%`;
}
