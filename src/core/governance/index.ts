import { isMissing, readProjectFile, unreadable } from '../shared/read-file.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../project/config.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Spec } from '../spec/parse.js';
import { hasRole, loadAccess, quorumOf, roleOf, type LoadedAccess, type Role } from './access.js';
import { APPROVALS_DIR, parseRecord, RECORD_KEYS, signedBytes, type DecisionRecord } from './record.js';
import { verify, type Verification } from './ssh.js';
import type { Tampering } from './tamper.js';
import { openGit, type Git } from '../git/index.js';
import { lineOfKey } from '../shared/key-line.js';

export const ALLOWED_SIGNERS_FILE = 'allowed_signers';

/** One decision file as found on disk, with what sdd makes of it. */
export interface RecordEntry {
  /** Project-relative path. */
  file: string;
  record: DecisionRecord | null;
  /** Why the file could not be read as a record. */
  invalid?: string;
  /** Signature check; `unsigned` when the record carries none. */
  signature: Verification | { ok: false; reason: 'unsigned'; message: string } | { ok: true; unsigned: true };
  /** The principal's current role for the spec's domain. */
  role: Role | null;
  /** Why the principal may not make this decision (lacks reviewer rights, owns the spec). */
  unauthorized?: string;
  /** 1-based line of each top-level key in the file, for findings. */
  lines: Record<string, number>;
}

export type ApprovalStateName = 'approved' | 'suspect' | 'stale' | 'rejected' | 'pending' | 'none';

export interface SpecApproval {
  spec: string;
  state: ApprovalStateName;
  quorum: number;
  /** Distinct principals whose latest valid decision approves the current content. */
  approvers: string[];
  /** Principals whose latest valid approval is of an older content hash. */
  staleApprovers: string[];
  /** Principals whose latest valid decision rejects the current content. */
  rejectedBy: string[];
  /** Dependencies whose content changed since a counted approval. */
  changedDependencies: string[];
  /** Reviewers asked in review requests (latest request last). */
  requestedReviewers: string[];
  /** When review was last requested, if ever. */
  requestedAt: string | null;
  /** The counted approval records (for locating findings). */
  approvalFiles: string[];
}

export interface Governance {
  access: LoadedAccess;
  requireSignature: boolean;
  /** Project-relative path of the allowed-signers file. */
  allowedSigners: string;
  entries: RecordEntry[];
  approvals: Map<string, SpecApproval>;
  tampering: Tampering[];
}

// @sdd approvals/GOV-003
/** `approvals.require_signature` from the config; true unless switched off. */
export function requireSignature(config: Config): boolean {
  const a = config.raw.approvals as Record<string, unknown> | undefined;
  return !(a && typeof a === 'object' && a.require_signature === false);
}

/** Every `.json` file under `.sdd/approvals/`, project-relative, sorted. */
export function listDecisionFiles(paths: ProjectPaths): string[] {
  const dir = path.join(paths.sddDir, APPROVALS_DIR);
  const out: string[] = [];
  let specDirs: fs.Dirent[];
  try {
    specDirs = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (isMissing(err)) return out;
    throw unreadable(err, `.sdd/${APPROVALS_DIR}`, 'folder');
  }
  for (const d of specDirs) {
    if (!d.isDirectory()) continue;
    let files: fs.Dirent[];
    try {
      files = fs.readdirSync(path.join(dir, d.name), { withFileTypes: true });
    } catch (err) {
      // A decision folder that cannot be read hides approvals (or rejections): never skip it.
      if (isMissing(err)) continue;
      throw unreadable(err, `.sdd/${APPROVALS_DIR}/${d.name}`, 'folder');
    }
    for (const f of files) {
      if (f.isFile() && f.name.endsWith('.json')) out.push(['.sdd', APPROVALS_DIR, d.name, f.name].join('/'));
    }
  }
  return out.sort();
}

/**
 * Reads the decision files (of one spec with `onlySpec`), checks each signature and the signer's rights, and computes every
 * spec's approval state. Nothing here trusts a spec's front matter or a record's claimed role.
 */
export async function loadGovernance(paths: ProjectPaths, config: Config, specs: Spec[], opts: { onlySpec?: string; history?: boolean; verified?: Map<string, Verification>; git?: Git } = {}): Promise<Governance> {
  const access = loadAccess(paths.sddDir, paths.root);
  const require = requireSignature(config);
  const signersAbs = path.join(paths.sddDir, ALLOWED_SIGNERS_FILE);
  const byId = new Map<string, Spec>();
  for (const s of specs) if (s.id && !byId.has(s.id)) byId.set(s.id, s);

  const entries: RecordEntry[] = [];
  for (const file of listDecisionFiles(paths)) {
    if (opts.onlySpec !== undefined && file.split('/')[2] !== opts.onlySpec) continue;
    const bytes = readProjectFile(path.join(paths.root, file), file);
    if (bytes === null) continue; // removed since the listing
    const text = bytes.toString('utf8');
    const parsed = parseRecord(text);
    const lines = keyLines(text);
    if (!parsed.ok) {
      entries.push({ file, record: null, invalid: parsed.message, signature: { ok: false, reason: 'bad-signature', message: 'the file is not a readable decision record' }, role: null, lines });
      continue;
    }
    const record = parsed.record;
    const folder = file.split('/')[2];
    if (folder !== record.spec) {
      entries.push({ file, record, invalid: `it names spec "${record.spec}" but is filed under approvals/${folder}/`, signature: { ok: false, reason: 'bad-signature', message: 'the record is filed under another spec' }, role: null, lines });
      continue;
    }
    const { signature, ...unsigned } = record;
    const check: RecordEntry['signature'] = signature
      ? verify(signedBytes(unsigned), signature, record.principal, signersAbs, opts.verified)
      : require
        ? { ok: false, reason: 'unsigned', message: 'the record is not signed, and approvals.require_signature is on' }
        : { ok: true, unsigned: true };
    const spec = byId.get(record.spec);
    const domain = spec?.domain ?? null;
    const role = roleOf(access.access, record.principal, domain);
    let unauthorized: string | undefined;
    if (needsReviewer(record.decision)) {
      if (spec?.owner && spec.owner.toLowerCase() === record.principal.toLowerCase()) {
        unauthorized = `${record.principal} owns the spec and cannot ${DECISION_VERBS[record.decision]} it`;
      } else if (!hasRole(role, 'reviewer')) {
        unauthorized = `${record.principal} is a ${role} for ${domain === null ? 'specs without a domain' : `domain "${domain}"`}, and deciding needs reviewer rights`;
      }
    }
    entries.push({ file, record, signature: check, role, unauthorized, lines });
  }

  const approvals = new Map<string, SpecApproval>();
  const bySpec = new Map<string, RecordEntry[]>();
  for (const e of entries) {
    if (!e.record || e.invalid) continue;
    const list = bySpec.get(e.record.spec);
    if (list) list.push(e);
    else bySpec.set(e.record.spec, [e]);
  }
  for (const spec of byId.values()) if (opts.onlySpec === undefined || spec.id === opts.onlySpec) approvals.set(spec.id, approvalOf(spec, bySpec.get(spec.id) ?? [], byId, quorumOf(access.access, spec.domain ?? null)));

  // Loaded only when asked: the history walk needs simple-git, which costs start-up time.
  const tampering = opts.history === false ? [] : await (await import('./tamper.js')).findTampering((opts.git ?? openGit(paths.root)).at(paths.root));
  return { access, requireSignature: require, allowedSigners: ['.sdd', ALLOWED_SIGNERS_FILE].join('/'), entries, approvals, tampering };
}

/** Decisions that take reviewer rights (and may not be made by the spec's owner). */
export function needsReviewer(decision: DecisionRecord['decision']): boolean {
  return decision === 'approved' || decision === 'rejected' || decision === 'code_accepted';
}

/** What each decision does to a spec, as a verb ("cannot <verb> it"). */
export const DECISION_VERBS: Record<DecisionRecord['decision'], string> = {
  approved: 'approve', rejected: 'reject', review_requested: 'request a review of', code_accepted: 'accept the code of', status_forced: 'force the status of',
};

/** Decision order: by time; within the same time, by file name, a `-2` suffix after its original. */
function fileOrder(file: string): [string, number] {
  const m = /^(.*?)(?:-(\d+))?\.json$/.exec(file);
  return m ? [m[1], m[2] ? Number(m[2]) : 1] : [file, 1];
}
const byTime = (a: RecordEntry, b: RecordEntry) => {
  const [fa, na] = fileOrder(a.file);
  const [fb, nb] = fileOrder(b.file);
  return a.record!.timestamp.localeCompare(b.record!.timestamp) || fa.localeCompare(fb) || na - nb;
};

// @sdd approvals/GOV-004, approvals/GOV-005
/** The approval state of one spec from its (readable) records. */
export function approvalOf(spec: Spec, entries: RecordEntry[], byId: Map<string, Spec>, quorum: number): SpecApproval {
  const sorted = [...entries].sort(byTime);
  const latest = new Map<string, RecordEntry>();
  let requestedReviewers: string[] = [];
  let requestedAt: string | null = null;
  for (const e of sorted) {
    const r = e.record!;
    if (r.decision === 'review_requested') {
      if (e.signature.ok) {
        requestedReviewers = r.reviewers;
        requestedAt = r.timestamp;
      }
      continue;
    }
    // Only approvals and rejections take part in the approval state.
    if (r.decision !== 'approved' && r.decision !== 'rejected') continue;
    if (!e.signature.ok || e.unauthorized) continue;
    latest.set(r.principal.toLowerCase(), e);
  }
  const approvers: string[] = [];
  const staleApprovers: string[] = [];
  const rejectedBy: string[] = [];
  const counted: RecordEntry[] = [];
  for (const [who, e] of latest) {
    const r = e.record!;
    if (r.content_hash !== spec.contentHash) {
      if (r.decision === 'approved') staleApprovers.push(who);
    } else if (r.decision === 'approved') {
      approvers.push(who);
      counted.push(e);
    } else {
      rejectedBy.push(who);
    }
  }
  const changed = new Set<string>();
  for (const e of counted) {
    for (const dep of spec.dependsOn) {
      const now = byId.get(dep)?.contentHash;
      const then = e.record!.dependencies[dep];
      if (now !== undefined && then !== now) changed.add(dep);
    }
  }
  let state: ApprovalStateName;
  if (approvers.length >= quorum) state = changed.size ? 'suspect' : 'approved';
  else if (rejectedBy.length) state = 'rejected';
  else if (staleApprovers.length) state = 'stale';
  else if (requestedAt || approvers.length) state = 'pending';
  else state = 'none';
  return {
    spec: spec.id, state, quorum, approvers: approvers.sort(), staleApprovers: staleApprovers.sort(), rejectedBy: rejectedBy.sort(),
    changedDependencies: [...changed].sort(), requestedReviewers, requestedAt, approvalFiles: counted.map((e) => e.file).sort(),
  };
}

/** Content hashes of a spec's dependencies, by id (those that exist). */
export function dependencyHashes(spec: Spec, specs: Spec[]): Record<string, string> {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const out: Record<string, string> = {};
  for (const dep of [...spec.dependsOn].sort()) {
    const d = byId.get(dep);
    if (d) out[dep] = d.contentHash;
  }
  return out;
}

/** Lines of the top-level keys of a pretty-printed JSON record (first occurrence of each). */
function keyLines(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of RECORD_KEYS) {
    const line = lineOfKey(text, key, { maxIndent: 4 });
    if (line !== null) out[key] = line;
  }
  return out;
}
