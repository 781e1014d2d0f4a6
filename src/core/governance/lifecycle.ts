import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { STATUSES, type Status } from '../spec/fields.js';
import type { FrontMatterEdit } from '../spec/edit.js';
import type { Project } from '../project/open.js';
import type { Spec } from '../spec/parse.js';
import type { SpecApproval } from './index.js';
import type { Verification } from './ssh.js';
import type { Git } from '../git/index.js';
import { lineOfKey } from '../shared/key-line.js';
import { plural } from '../shared/plural.js';

/** A move a spec may make from one status to another. */
export interface Transition {
  from: Status;
  to: Status;
  /** Moving back from a settled state needs a `--reason`, kept as `status_reason`. */
  reasonRequired: boolean;
  /** The computed approval state must be approved (or suspect) first. */
  approvalRequired: boolean;
}

const move = (from: Status, to: Status, needs: { reason?: true; approval?: true } = {}): Transition =>
  ({ from, to, reasonRequired: Boolean(needs.reason), approvalRequired: Boolean(needs.approval) });

// @sdd lifecycle/LIF-001
/** Every allowed status change; anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = [
  move('draft', 'review'),
  move('draft', 'deprecated'),
  move('review', 'approved', { approval: true }),
  move('review', 'draft'),
  move('approved', 'implemented', { approval: true }),
  move('approved', 'review', { reason: true }),
  move('approved', 'draft', { reason: true }),
  move('implemented', 'deprecated'),
  move('implemented', 'review', { reason: true }),
  move('implemented', 'draft', { reason: true }),
  move('deprecated', 'draft', { reason: true }),
];

export function isStatus(s: string): s is Status {
  return (STATUSES as readonly string[]).includes(s);
}

/** The statuses a spec in `from` may move to, in table order. A spec with an unknown status may only be reset to draft. */
export function targetsFrom(from: string): Status[] {
  if (!isStatus(from)) return ['draft'];
  return TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

export function findTransition(from: string, to: string): Transition | undefined {
  if (!isStatus(from) && to === 'draft') return move('draft', 'draft');
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The transition table as aligned text lines, for `--help`. */
export function transitionTable(): string {
  const width = Math.max(...TRANSITIONS.map((t) => `${t.from} → ${t.to}`.length));
  return TRANSITIONS.map((t) => {
    const needs = [t.reasonRequired ? 'needs --reason' : '', t.approvalRequired ? 'needs approval (sdd approve)' : ''].filter(Boolean).join(', ');
    return `  ${`${t.from} → ${t.to}`.padEnd(width)}${needs ? `  ${needs}` : ''}`.trimEnd();
  }).join('\n');
}

export interface StatusChangeRequest {
  to: string;
  reason?: string;
  now: Date;
  /** Remembered signature verdicts (from the index), so unchanged decisions skip ssh-keygen. */
  verified?: Map<string, Verification>;
  /** For `implemented`: what the code evidence still lacks (see `missingEvidence`); empty when complete. */
  missingEvidence?: string[];
  /** Move to implemented despite missing evidence; needs a reason and records a `status_forced` decision. */
  force?: boolean;
  /** The git gateway (Env.git), for the forced decision's principal and commit. */
  git?: Git;
}

export interface StatusChange {
  spec: string;
  /** Project-relative path of the spec file. */
  file: string;
  from: string;
  to: string;
  reason: string | null;
  /** False when the spec already had that status: the file was left alone. */
  changed: boolean;
  /** Things to tell the user that do not stop the change (an approval that is only suspect). */
  warnings: string[];
  /** The `status_forced` decision file written for `--force`, if any. */
  overrideFile: string | null;
}

// @sdd traceability/DRF-008
// @sdd lifecycle/LIF-001, lifecycle/LIF-002
/**
 * Moves `spec` to status `to`, editing only the `status`, `status_reason` and (when present)
 * `updated` lines of its file. Refuses, writing nothing, a transition not in TRANSITIONS, a
 * backwards move without a reason, and approved/implemented without a computed approval.
 */
export async function changeStatus(project: Project, spec: Spec, specs: Spec[], req: StatusChangeRequest): Promise<StatusChange> {
  const { to } = req;
  const reason = req.reason?.trim() || null;
  const result: StatusChange = { spec: spec.id, file: spec.file, from: spec.status, to, reason, changed: false, warnings: [], overrideFile: null };
  if (!isStatus(to)) {
    throw new SddError('invalid_argument', `"${to}" is not a status`, { fix: `Use one of: ${STATUSES.join(', ')}.` });
  }
  if (spec.status === to) return result;
  const transition = findTransition(spec.status, to);
  if (!transition) {
    const targets = targetsFrom(spec.status);
    throw new SddError('invalid_transition', `${spec.id} cannot go from ${spec.status || '(no status)'} to ${to}`, {
      target: { file: spec.file, line: statusLine(project, spec) },
      fix: `From ${spec.status || '(no status)'} a spec may go to: ${targets.join(', ')}. Run \`sdd status --help\` for every transition.`,
    });
  }
  if (transition.reasonRequired && !reason) {
    throw new SddError('reason_required', `Moving ${spec.id} from ${spec.status} back to ${to} needs a reason`, {
      target: { file: spec.file, line: statusLine(project, spec) },
      fix: `Run \`sdd status ${spec.id} ${to} --reason "why it is reopened"\`; the reason is kept as status_reason.`,
    });
  }
  if (transition.approvalRequired) {
    // Loaded only here: `sdd --help` lists TRANSITIONS and must not pay for governance or yaml.
    const { loadGovernance } = await import('./index.js');
    const gov = await loadGovernance(project.paths, project.config, specs, { onlySpec: spec.id, history: false, verified: req.verified });
    const approval = gov.approvals.get(spec.id)!;
    const unverified = gov.entries.filter((e) => e.record?.decision === 'approved' && !e.signature.ok).length;
    if (approval.state === 'suspect') {
      result.warnings.push(`warning: ${spec.id}'s approval is suspect: ${approval.changedDependencies.join(', ')} changed since it was approved. Consider asking for a new review (\`sdd impact\`, \`sdd approve\`).`);
    } else if (approval.state !== 'approved') {
      const { loadAccess, reviewersOf } = await import('./access.js');
      const access = loadAccess(project.paths.sddDir, project.paths.root);
      const who = reviewersOf(access.access, spec.domain ?? null).filter((r) => r !== spec.owner?.toLowerCase());
      throw approvalRequired(project, spec, to, approval, unverified, who.length ? who.join(', ') : `none yet: add some in ${access.file}`);
    }
  }
  const missing = to === 'implemented' ? (req.missingEvidence ?? []) : [];
  if (missing.length && !req.force) {
    throw new SddError('evidence_missing', `${spec.id} cannot be implemented yet: ${missing.join('; ')}`, {
      target: { file: spec.file, line: statusLine(project, spec) },
      fix: `Provide what is missing (\`sdd drift ${spec.id}\` shows it), or override with \`sdd status ${spec.id} implemented --force --reason "why"\`, which is recorded.`,
    });
  }
  if (missing.length && req.force) {
    if (!reason) {
      throw new SddError('reason_required', `Forcing ${spec.id} to implemented needs a reason`, {
        target: { file: spec.file, line: statusLine(project, spec) },
        fix: `Run \`sdd status ${spec.id} implemented --force --reason "why the evidence can wait"\`; the override is recorded under .sdd/approvals/${spec.id}/.`,
      });
    }
    // The override is a decision like any other: signed, immutable, and in the audit log.
    const { recordDecision } = await import('./decide.js');
    const decided = recordDecision(project, spec, specs, { decision: 'status_forced', reason: `${reason} (missing: ${missing.join('; ')})`, now: req.now, git: req.git });
    result.overrideFile = decided.file;
    result.warnings.push(`warning: forced past missing evidence (${missing.join('; ')}); recorded in ${decided.file}`);
  }
  const edit: FrontMatterEdit = { set: [{ key: 'status', value: to }] };
  if (reason) edit.set!.push({ key: 'status_reason', value: reason, after: 'status' });
  else if ('status_reason' in spec.data) edit.delete = ['status_reason'];
  if ('updated' in spec.data) edit.set!.push({ key: 'updated', value: req.now.toISOString().slice(0, 10) });
  const { writeFrontMatterEdit } = await import('../spec/edit.js');
  const abs = path.join(project.paths.root, spec.file);
  result.changed = writeFrontMatterEdit(abs, spec.file, fs.readFileSync(abs, 'utf8'), edit);
  return result;
}

// @sdd lifecycle/LIF-002
function approvalRequired(project: Project, spec: Spec, to: string, a: SpecApproval, unverified: number, reviewers: string): SddError {
  const n = a.approvers.length;
  const domain = spec.domain ? `domain "${spec.domain}"` : 'specs without a domain';
  const details = [
    a.staleApprovers.length ? `approvals by ${a.staleApprovers.join(', ')} are of an earlier version` : '',
    a.rejectedBy.length ? `rejected by ${a.rejectedBy.join(', ')}` : '',
    unverified ? `${plural(unverified, 'approval file does', 'approval files do')} not verify (unsigned or unknown key; see \`sdd check\`)` : '',
  ].filter(Boolean);
  return new SddError('approval_required', `${spec.id} cannot be ${to}: it has ${plural(n, 'valid approval')} of its current content and ${domain} needs ${a.quorum} (approval state: ${a.state}${details.length ? `; ${details.join('; ')}` : ''})`, {
    target: { file: spec.file, line: statusLine(project, spec) },
    fix: `${plural(a.quorum - n, 'more reviewer')} of ${domain} (${reviewers}) must run \`sdd approve ${spec.id}\`; ask with \`sdd review request ${spec.id} --reviewer <email>\`.`,
  });
}

/** 1-based line of the `status:` key in the spec file, for error targets (undefined when unknown). */
function statusLine(project: Project, spec: Spec): number | undefined {
  try {
    return lineOfKey(fs.readFileSync(path.join(project.paths.root, spec.file), 'utf8'), 'status') ?? undefined;
  } catch {
    return undefined;
  }
}
