import path from 'node:path';
import { schemaValidator } from '../shared/schema.js';

/**
 * A decision about a spec, stored as one immutable JSON file under
 * `.sdd/approvals/<spec-id>/`. Files are only ever added: a new decision is a new file, so
 * concurrent reviewers never conflict and every decision shows up in a pull request's diff.
 * `code_accepted` (sdd drift accept) attests that the code at `commit` matches the spec;
 * `status_forced` records a status change made with --force past missing evidence.
 */
export const DECISIONS = ['approved', 'rejected', 'review_requested', 'code_accepted', 'status_forced'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionRecord {
  version: 1;
  spec: string;
  decision: Decision;
  /** An email address: git `user.email`, or `--as`. */
  principal: string;
  /** The principal's role for the spec's domain when the decision was made (as they claimed it). */
  role: string;
  reason: string | null;
  /** ISO 8601, UTC. */
  timestamp: string;
  /** The spec's semantic content hash at the time of the decision. */
  content_hash: string;
  /** Content hash of each dependency at the time of the decision, by id. */
  dependencies: Record<string, string>;
  /** The git commit HEAD pointed at, or null outside git / before the first commit. */
  commit: string | null;
  /** Reviewers asked, for `review_requested`; empty otherwise. */
  reviewers: string[];
  /** An armored SSH signature over `signedBytes(record)`, or null when unsigned. */
  signature: string | null;
}

/** How each decision is named in messages. */
export const DECISION_NOUNS: Record<Decision, string> = {
  approved: 'Approval', rejected: 'Rejection', review_requested: 'Review request', code_accepted: 'Code acceptance', status_forced: 'Forced status change',
};

/** The namespace given to `ssh-keygen -Y sign/verify`, so an approval signature is never valid as anything else. */
export const SIGNATURE_NAMESPACE = 'sdd-approval';

export const APPROVALS_DIR = 'approvals';

// @sdd approvals/GOV-002
/**
 * The exact bytes that are signed: a header line, then one `key=value` line per field in a fixed
 * order, each value JSON-encoded (so newlines and quotes cannot forge a field). The encoding is
 * defined here, not by whatever JSON.stringify does with the file's key order or whitespace, so
 * a record re-indented by an editor still verifies and any change to a value does not.
 */
export function signedBytes(r: Omit<DecisionRecord, 'signature'>): Buffer {
  const deps = Object.keys(r.dependencies).sort().map((k) => [k, r.dependencies[k]]);
  const lines = [
    'sdd-decision-v1',
    `spec=${JSON.stringify(r.spec)}`,
    `decision=${JSON.stringify(r.decision)}`,
    `principal=${JSON.stringify(r.principal)}`,
    `role=${JSON.stringify(r.role)}`,
    `reason=${JSON.stringify(r.reason)}`,
    `timestamp=${JSON.stringify(r.timestamp)}`,
    `content_hash=${JSON.stringify(r.content_hash)}`,
    `dependencies=${JSON.stringify(deps)}`,
    `commit=${JSON.stringify(r.commit)}`,
    `reviewers=${JSON.stringify([...r.reviewers].sort())}`,
  ];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The file a record is stored in, relative to `.sdd/approvals/`. Sorts by time. */
export function recordFileName(r: DecisionRecord): string {
  const stamp = r.timestamp.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const who = r.principal.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return path.posix.join(r.spec, `${stamp}-${r.decision.replace('_', '-')}-${who}.json`);
}

// @sdd approvals/GOV-001
/** The JSON written to disk: two-space indent, fields in a fixed order, a final newline. */
export function serialiseRecord(r: DecisionRecord): string {
  const ordered: DecisionRecord = {
    version: 1, spec: r.spec, decision: r.decision, principal: r.principal, role: r.role, reason: r.reason,
    timestamp: r.timestamp, content_hash: r.content_hash, dependencies: r.dependencies, commit: r.commit,
    reviewers: r.reviewers, signature: r.signature,
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

export type RecordParse = { ok: true; record: DecisionRecord } | { ok: false; message: string };

// The sentence for each field that breaks schemas/decision-record.schema.json, in the order
// messages are joined.
const FIELD_PROBLEMS: Array<[field: string, message: string]> = [
  ['version', '`version` must be 1'],
  ['spec', '`spec` must be a spec id'],
  ['decision', `\`decision\` must be one of ${DECISIONS.join(', ')}`],
  ['principal', '`principal` must be an email address'],
  ['role', '`role` must be a string'],
  ['reason', '`reason` must be a string or null'],
  ['timestamp', '`timestamp` must be an ISO 8601 time'],
  ['content_hash', '`content_hash` must be a string'],
  ['dependencies', '`dependencies` must map ids to content hashes'],
  ['commit', '`commit` must be a string or null'],
  ['reviewers', '`reviewers` must be a list of strings'],
  ['signature', '`signature` must be a string or null'],
];

/** The fields of a record, in the order they are written. */
export const RECORD_KEYS: readonly string[] = FIELD_PROBLEMS.map(([field]) => field);

/** Reads a decision file's text; any shape problem is reported, never thrown. */
export function parseRecord(text: string): RecordParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `not valid JSON (${(err as Error).message})` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, message: 'not a JSON object' };
  const validate = schemaValidator('decisionRecord');
  const bad = new Set<string>();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      bad.add(e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : e.instancePath.split('/')[1]);
    }
  }
  // A time JSON Schema cannot judge without a format library: what Date.parse accepts.
  const timestamp = (data as Record<string, unknown>).timestamp;
  if (typeof timestamp === 'string' && Number.isNaN(Date.parse(timestamp))) bad.add('timestamp');
  const problems = FIELD_PROBLEMS.filter(([field]) => bad.has(field)).map(([, message]) => message);
  if (problems.length) return { ok: false, message: problems.join('; ') };
  return { ok: true, record: data as DecisionRecord };
}
