import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { parseIsoDate } from '../shared/date.js';
import type { Project } from '../project/open.js';
import { parseSpec, type Spec } from '../spec/parse.js';
import type { Git } from '../git/index.js';
import { isoTime, openGitRepo, projectPath, rawLog, type GitRepo, type RawCommit } from './versions.js';
import { listDecisionFiles, type Governance } from '../governance/index.js';
import { parseRecord } from '../governance/record.js';

export const AUDIT_ACTIONS = ['spec.created', 'spec.updated', 'spec.deleted', 'spec.status_changed', 'review.requested', 'spec.approved', 'spec.rejected', 'code.accepted', 'status.forced'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry of the audit log: who did what to which spec, when. */
export interface AuditEvent {
  /** ISO 8601 UTC: the commit's author date, or the decision's timestamp. */
  time: string;
  /** An email address: the commit author, or the decision's principal. */
  actor: string;
  action: AuditAction;
  /** The spec id. */
  resource: string;
  commit: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilters {
  actor?: string;
  actions?: string[];
  resources?: string[];
  since?: string;
  until?: string;
}

const DECISION_ACTIONS = { review_requested: 'review.requested', approved: 'spec.approved', rejected: 'spec.rejected', code_accepted: 'code.accepted', status_forced: 'status.forced' } as const;

// @sdd audit-trail/AUD-003
/**
 * The audit log of a project: every change to `.sdd/specs/` in git history (creations, edits,
 * deletions, status changes; renames are edits) joined with the decision files, sorted by time.
 * `git`: the gateway (Env.git).
 */
export async function auditEvents(project: Project, git?: Git): Promise<AuditEvent[]> {
  const events = [...(await specEvents(project, git)), ...decisionEvents(project)];
  const at = new Map(events.map((e) => [e, Date.parse(e.time)]));
  // Array.prototype.sort is stable: events of one time keep git order, then decision order.
  return events.sort((a, b) => at.get(a)! - at.get(b)!);
}

async function specEvents(project: Project, git: Git | undefined): Promise<AuditEvent[]> {
  const { root } = project.paths;
  const repo = await openGitRepo(root, git);
  if (!repo) return [];
  const events: AuditEvent[] = [];
  // Blobs are read a batch of commits at a time, so a long history never sits in memory at once.
  const batches: RawCommit[][] = [[]];
  let size = 0;
  for (const c of await rawLog(repo, ['--reverse', '-M'], ['.sdd/specs'])) {
    if (size > BLOB_BATCH) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1].push(c);
    size += c.changes.length * 2;
  }
  for (const batch of batches) {
    const blobs = await repo.git.readBlobs(batch.flatMap((c) => c.changes.flatMap((ch) => [ch.oldBlob, ch.newBlob])));
    events.push(...commitEvents(project, repo, batch, blobs));
  }
  return events;
}

const BLOB_BATCH = 5000;

function commitEvents(project: Project, repo: GitRepo, commits: RawCommit[], blobs: Map<string, string>): AuditEvent[] {
  const isSpecFile = (p: string) => /\.(md|ya?ml)$/i.test(p) && !p.split('/').some((part) => part.startsWith('.') && part !== '.sdd');
  const parse = (file: string, blob: string): Spec | null => {
    const text = blobs.get(blob);
    if (text === undefined) return null;
    const parsed = parseSpec(file, text, { requirementIdPattern: project.config.requirements.idPattern });
    return parsed.ok && parsed.spec.id ? parsed.spec : null;
  };
  const events: AuditEvent[] = [];
  for (const c of commits) {
    const base = { time: isoTime(c.date), actor: c.author, commit: c.commit };
    for (const ch of c.changes) {
      const file = projectPath(repo, ch.path) ?? ch.path;
      const oldFile = projectPath(repo, ch.oldPath) ?? ch.oldPath;
      if (!isSpecFile(file) && !isSpecFile(oldFile)) continue;
      const fallbackId = path.posix.basename(file).replace(/\.(md|ya?ml)$/i, '');
      const before = ch.status === 'A' ? null : parse(oldFile, ch.oldBlob);
      const after = ch.status === 'D' ? null : parse(file, ch.newBlob);
      const resource = after?.id ?? before?.id ?? fallbackId;
      if (ch.status === 'A' || ch.status === 'C') {
        events.push({ ...base, action: 'spec.created', resource, details: { file, title: after?.title ?? null, status: after?.status ?? null, content_hash: after?.contentHash ?? null } });
        continue;
      }
      if (ch.status === 'D') {
        events.push({ ...base, action: 'spec.deleted', resource, details: { file, title: before?.title ?? null, status: before?.status ?? null } });
        continue;
      }
      const renamedFrom = ch.status === 'R' && oldFile !== file ? oldFile : null;
      const statusChanged = before !== null && after !== null && before.status !== after.status;
      if (statusChanged) {
        const reason = after.data.status_reason;
        events.push({ ...base, action: 'spec.status_changed', resource, details: { file, from: before.status, to: after.status, ...(reason !== undefined ? { reason } : {}) } });
      }
      // The status_reason that came with a status change belongs to that change.
      const fields = before && after ? changedFields(before, after).filter((f) => !(statusChanged && f === 'status_reason')) : null;
      // A commit that only moved the status is a status change, not also an edit; any other change to the file is an edit.
      if (!statusChanged || (fields && fields.length > 0) || renamedFrom) {
        events.push({
          ...base, action: 'spec.updated', resource,
          details: {
            file, ...(renamedFrom ? { renamed_from: renamedFrom } : {}), fields: fields ?? [],
            content_changed: before?.contentHash !== after?.contentHash || !before,
            ...(before && after && before.id !== after.id ? { previous_id: before.id } : {}),
          },
        });
      }
    }
  }
  return events;
}

/** Front-matter keys other than status that differ, plus `body` when it does (empty for a pure reformatting of the front matter). */
function changedFields(before: Spec, after: Spec): string[] {
  const ignored = new Set(['status', 'body']);
  const keys = new Set([...Object.keys(before.data), ...Object.keys(after.data)]);
  const out = [...keys].filter((k) => !ignored.has(k) && JSON.stringify(before.data[k]) !== JSON.stringify(after.data[k]));
  if (before.body !== after.body) out.push('body');
  return out;
}

function decisionEvents(project: Project): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (const file of listDecisionFiles(project.paths)) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(project.paths.root, file), 'utf8');
    } catch {
      continue;
    }
    const parsed = parseRecord(text);
    if (!parsed.ok) continue;
    const r = parsed.record;
    out.push({
      time: isoTime(r.timestamp), actor: r.principal, action: DECISION_ACTIONS[r.decision], resource: r.spec, commit: r.commit,
      details: { file, role: r.role, reason: r.reason, content_hash: r.content_hash, signed: r.signature !== null, ...(r.decision === 'review_requested' ? { reviewers: r.reviewers } : {}) },
    });
  }
  return out.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || String(a.details.file).localeCompare(String(b.details.file)));
}

/** A `--since` / `--until` value as a time; a bare date means the start (or, for until, the end) of that UTC day. */
export function parseTimeBound(value: string, option: '--since' | '--until'): number {
  const date = parseIsoDate(value);
  if (date === null) {
    throw new SddError('invalid_argument', `${option} "${value}" is not a date`, { fix: `Use an ISO 8601 date or time, e.g. ${option} 2024-05-01 or ${option} 2024-05-01T12:00:00Z.` });
  }
  return date.dateOnly && option === '--until' ? date.ms + 86_400_000 - 1 : date.ms;
}

// @sdd audit-trail/AUD-003
/** The events that pass every filter given (actor and spec ids compare case-insensitively for emails, exactly for ids). */
export function filterEvents(events: AuditEvent[], f: AuditFilters): AuditEvent[] {
  for (const a of f.actions ?? []) {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(a)) {
      throw new SddError('invalid_argument', `Unknown action "${a}"`, { fix: `Use one of: ${AUDIT_ACTIONS.join(', ')}.` });
    }
  }
  const since = f.since === undefined ? -Infinity : parseTimeBound(f.since, '--since');
  const until = f.until === undefined ? Infinity : parseTimeBound(f.until, '--until');
  const actor = f.actor?.toLowerCase();
  return events.filter((e) => {
    const t = Date.parse(e.time);
    return (actor === undefined || e.actor.toLowerCase() === actor)
      && (!f.actions?.length || f.actions.includes(e.action))
      && (!f.resources?.length || f.resources.includes(e.resource))
      && t >= since && t <= until;
  });
}

export const CSV_COLUMNS = ['time', 'actor', 'action', 'resource', 'commit', 'details'] as const;

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, with quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// @sdd audit-trail/AUD-004
/** The events as RFC 4180 CSV: a header row, CRLF line ends, `details` as compact JSON, an empty `commit` for none. */
export function toCsv(events: AuditEvent[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of events) rows.push([e.time, e.actor, e.action, e.resource, e.commit ?? '', JSON.stringify(e.details)].map(csvField).join(','));
  return rows.join('\r\n') + '\r\n';
}

/** Something wrong with a decision file, found by `sdd audit verify`. */
export interface IntegrityProblem {
  file: string;
  line?: number;
  problem: string;
  message: string;
  fix: string;
}

// @sdd audit-trail/AUD-005
/**
 * Integrity of the decision files: each must be readable, carry a signature that verifies (or
 * be unsigned where that is allowed), be made by someone with the right to make it (reviewer
 * rights for the spec's domain, not its owner), and be unchanged since its commit.
 */
export function integrityProblems(gov: Governance): IntegrityProblem[] {
  const out: IntegrityProblem[] = [];
  for (const e of gov.entries) {
    if (e.invalid) {
      out.push({ file: e.file, line: 1, problem: 'unreadable', message: `not a readable decision record: ${e.invalid}`, fix: 'Restore the file from git, or remove it and record the decision again.' });
    } else if (!e.signature.ok) {
      out.push({
        file: e.file, line: e.lines.signature, problem: e.signature.reason.replace(/-/g, '_'), message: e.signature.message,
        fix: e.signature.reason === 'unsigned' ? 'Record the decision again with a key (`--key` or git config user.signingkey), or set `approvals: {require_signature: false}` in .sdd/config.yaml.'
          : e.signature.reason === 'bad-signature' ? 'The record changed after it was signed: restore it from git, or record the decision again.'
            : `Add the principal's public key to ${gov.allowedSigners} (\`<email> namespaces="sdd-approval" ssh-ed25519 AAAA…\`).`,
      });
    } else if (e.unauthorized) {
      // Genuinely signed, but by someone who may not make this decision: it counts for nothing.
      out.push({
        file: e.file, line: e.lines.principal, problem: 'unauthorized', message: `the decision does not count: ${e.unauthorized}`,
        fix: `Remove the file, and have a reviewer of the spec's domain who is not its owner decide; rights are set in ${gov.access.file}.`,
      });
    }
  }
  for (const t of gov.tampering) {
    const when = t.commit ? `in commit ${t.commit.slice(0, 7)} by ${t.author} on ${t.date}` : 'in the working tree (not committed)';
    out.push({
      file: t.file, problem: t.kind === 'deleted' ? 'deleted_after_commit' : 'modified_after_commit',
      message: `${t.kind} ${when}, after it was committed in ${t.addedIn.slice(0, 7)}; decision files are append-only`,
      fix: `Restore it: \`git checkout ${t.addedIn.slice(0, 7)} -- ${t.file}\`. To change a decision, record a new one.`,
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.problem.localeCompare(b.problem));
}
