import type { Config } from '../project/config.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Spec } from '../spec/parse.js';
import type { Governance, RecordEntry } from '../governance/index.js';
import { openGit, type Git } from '../git/index.js';
import type { Trace } from '../trace/files.js';
import { SddError } from '../shared/errors.js';
import { Locations } from '../spec/locations.js';
import { analyseDrift, type DriftAnchor, type ChangeSet, type DriftReport } from './analyse.js';

export * from './analyse.js';

/**
 * The drift report of a project: the trace (code references and files) judged against the specs,
 * with code changes measured by git from each spec's anchor, the newest valid approval or
 * `sdd drift accept` of its current content.
 */
export async function loadDrift(paths: ProjectPaths, config: Config, specs: Spec[], governance: Governance, trace: Trace, opts: DriftOptions = {}): Promise<DriftReport> {
  const against = opts.against ?? 'worktree';
  const git = (opts.git ?? openGit(paths.root)).at(paths.root);
  const anchors = anchorsOf(specs, governance);
  const changes = new Map<string | null, ChangeSet>();
  let untracked = new Set<string>();
  if (trace.git && anchors.size > 0) {
    const commits = [...new Set([...anchors.values()].map((b) => b.commit).filter((c): c is string => c !== null))];
    const [answers, others] = await Promise.all([
      Promise.all(commits.map((c) => changedSince(git, c, against))),
      // Files git does not track are new since any commit; the index holds none of them.
      against === 'worktree' ? git.stdout(['ls-files', '-z', '--others', '--exclude-standard']) : '',
    ]);
    commits.forEach((c, i) => changes.set(c, answers[i]));
    untracked = new Set((others ?? '').split('\0').filter(Boolean));
  }
  try {
    return analyseDrift({ specs, trace, requireTests: config.drift.requireTests, anchors, changes, untracked });
  } catch (err) {
    // A glob of a spec's `code:` that cannot be matched in time: point at the key's line.
    const spec = err instanceof SddError && err.code === 'glob_too_complex' && err.target && !err.target.line ? specs.find((s) => s.file === err.target!.file) : undefined;
    if (!spec) throw err;
    const pos = new Locations(paths.root).at(spec, ['code']);
    throw new SddError('glob_too_complex', (err as SddError).message, { target: { file: spec.file, line: pos.line, column: pos.column }, fix: (err as SddError).fix, cause: err });
  }
}

export interface DriftOptions {
  /** What code changes are measured on: the work tree (default), or git's index (`sdd check --staged`). */
  against?: 'worktree' | 'index';
  /** The git gateway (Env.git); unset, one for the project root with this process's environment. */
  git?: Git;
}

// @sdd traceability/DRF-005, traceability/DRF-006
/**
 * For each spec whose approval state is approved or suspect: the newest of its counted approvals
 * and of the valid `code_accepted` records of its current content.
 */
export function anchorsOf(specs: Spec[], governance: Governance): Map<string, DriftAnchor> {
  const byFile = new Map(governance.entries.map((e) => [e.file, e]));
  const out = new Map<string, DriftAnchor>();
  for (const spec of specs) {
    const approval = governance.approvals.get(spec.id);
    if (!approval || (approval.state !== 'approved' && approval.state !== 'suspect')) continue;
    const candidates: Array<{ entry: RecordEntry; kind: DriftAnchor['kind'] }> = approval.approvalFiles.map((f) => ({ entry: byFile.get(f)!, kind: 'approval' as const }));
    for (const e of governance.entries) {
      const r = e.record;
      if (r && !e.invalid && r.spec === spec.id && r.decision === 'code_accepted' && e.signature.ok && !e.unauthorized && r.content_hash === spec.contentHash) {
        candidates.push({ entry: e, kind: 'acceptance' });
      }
    }
    let best: { entry: RecordEntry; kind: DriftAnchor['kind'] } | undefined;
    for (const c of candidates) {
      if (!c.entry?.record) continue;
      if (!best || c.entry.record.timestamp > best.entry.record!.timestamp || (c.entry.record.timestamp === best.entry.record!.timestamp && c.entry.file > best.entry.file)) best = c;
    }
    if (!best) continue;
    const r = best.entry.record!;
    out.set(spec.id, { kind: best.kind, file: best.entry.file, timestamp: r.timestamp, commit: r.commit, principal: r.principal, dependencies: r.dependencies });
  }
  return out;
}

/** Files (project-relative) that differ between `commit` and the work tree (committed or not), or the index. */
async function changedSince(git: Git, commit: string, against: DriftOptions['against']): Promise<ChangeSet> {
  if ((await git.stdout(['cat-file', '-e', `${commit}^{commit}`])) === null) {
    return { error: `commit ${commit.slice(0, 12)} is missing from this repository (rewritten history, or a shallow clone)` };
  }
  const out = await git.stdout(['diff', ...(against === 'index' ? ['--cached'] : []), '--name-only', '-z', '--no-renames', '--relative', commit, '--']);
  if (out === null) return { error: `git could not compare with commit ${commit.slice(0, 12)}` };
  return { files: new Set(out.split('\0').filter(Boolean)) };
}
