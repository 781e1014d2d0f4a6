import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseSpec } from '../../src/core/spec/parse.js';
import { recordFileName, serialiseRecord, signedBytes, SIGNATURE_NAMESPACE, type DecisionRecord } from '../../src/core/governance/record.js';
import { makeTempDir, writeFile } from './cli.js';

/**
 * Real SSH keys and real signatures for approval tests. Records are built and signed here, with
 * the production `signedBytes` and OpenSSH's own `ssh-keygen -Y sign`, but without going through
 * `sdd approve`: that is how a forger would make them, so the checks are tested against files
 * that look exactly like genuine ones except for the one thing that is wrong.
 */

export type KeyType = 'ed25519' | 'ecdsa';

export interface Signer {
  email: string;
  type: KeyType;
  /** Absolute path of the private key (no passphrase). */
  privateKey: string;
  /** The public key line, e.g. `ssh-ed25519 AAAA… bob@example.com`. */
  publicKey: string;
}

let keyDir: string | undefined;
const keys = new Map<string, Signer>();

/**
 * A key pair for `email`, made once per test process and reused (ssh-keygen takes a moment).
 * `name` tells apart two keys of the same person, e.g. an old key that is no longer listed.
 */
export function signer(email: string, type: KeyType = 'ed25519', name = 'main'): Signer {
  const id = `${email}/${type}/${name}`;
  const known = keys.get(id);
  if (known) return known;
  keyDir ??= makeTempDir('sdd-keys-');
  const privateKey = path.join(keyDir, id.replace(/[^a-zA-Z0-9]+/g, '-'));
  const typeArgs = type === 'ed25519' ? ['-t', 'ed25519'] : ['-t', 'ecdsa', '-b', '256'];
  execFileSync('ssh-keygen', [...typeArgs, '-N', '', '-q', '-f', privateKey, '-C', email], { stdio: 'ignore' });
  const made: Signer = { email, type, privateKey, publicKey: fs.readFileSync(privateKey + '.pub', 'utf8').trim() };
  keys.set(id, made);
  return made;
}

/** One `.sdd/allowed_signers` line: `<email> namespaces="sdd-approval" <public key>`. */
export function allowedSignerLine(s: Signer, email = s.email, namespaces = SIGNATURE_NAMESPACE): string {
  return `${email} namespaces="${namespaces}" ${s.publicKey}`;
}

/** The text of `.sdd/allowed_signers` listing each signer for their own email. */
export function allowedSigners(...signers: Signer[]): string {
  return signers.map((s) => allowedSignerLine(s)).join('\n') + '\n';
}

/** A spec's id and semantic content hash, as sdd computes them from its text. */
export function specInfo(text: string, file = 'spec.md'): { id: string; contentHash: string } {
  const parsed = parseSpec(file, text);
  if (!parsed.ok) throw new Error(`not a spec: ${parsed.problem.message}`);
  return { id: parsed.spec.id, contentHash: parsed.spec.contentHash };
}

export type UnsignedRecord = Omit<DecisionRecord, 'signature'>;

export interface RecordOptions extends Partial<UnsignedRecord> {
  /** The spec's text: gives `spec` and `content_hash` unless they are set. */
  of?: string;
  /** Dependencies' texts: gives `dependencies` (id → content hash) unless it is set. */
  deps?: string[];
}

let clock = Date.parse('2026-03-01T09:00:00.000Z');

/**
 * An unsigned decision record with sensible defaults: an approval by bob@example.com, now-ish
 * (each call one minute later than the last, so records sort in the order they were made).
 */
export function record(opts: RecordOptions = {}): UnsignedRecord {
  const { of, deps, ...fields } = opts;
  const info = of === undefined ? undefined : specInfo(of);
  const dependencies: Record<string, string> = {};
  for (const text of deps ?? []) {
    const d = specInfo(text);
    dependencies[d.id] = d.contentHash;
  }
  clock += 60_000;
  return {
    version: 1,
    spec: info?.id ?? 'login',
    decision: 'approved',
    principal: 'bob@example.com',
    role: 'reviewer',
    reason: null,
    timestamp: new Date(clock).toISOString(),
    content_hash: info?.contentHash ?? 'sha256:' + '0'.repeat(64),
    dependencies,
    commit: null,
    reviewers: [],
    ...fields,
  };
}

/** Signs arbitrary bytes with `ssh-keygen -Y sign` in `namespace`; returns the armored signature. */
export function signBytes(data: Buffer, by: Signer, namespace = SIGNATURE_NAMESPACE): string {
  return execFileSync('ssh-keygen', ['-Y', 'sign', '-n', namespace, '-f', by.privateKey], { input: data, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] }).trim();
}

/** The record signed by `by` over the production canonical bytes. */
export function signed(r: UnsignedRecord, by: Signer): DecisionRecord {
  return { ...r, signature: signBytes(signedBytes(r), by) };
}

/** The record with no signature (only valid with `approvals: {require_signature: false}`). */
export function unsigned(r: UnsignedRecord): DecisionRecord {
  return { ...r, signature: null };
}

/** Project-relative path where sdd would file the record. */
export function recordPath(r: DecisionRecord): string {
  return `.sdd/approvals/${recordFileName(r)}`;
}

/** `files` for a rule test case: each record at its usual path, as `sdd approve` writes it. */
export function recordFiles(...records: DecisionRecord[]): Record<string, string> {
  return Object.fromEntries(records.map((r) => [recordPath(r), serialiseRecord(r)]));
}

/** Writes the record into the project at `root` (at `rel`, default its usual path); returns the path used. */
export function writeRecord(root: string, r: DecisionRecord, rel = recordPath(r)): string {
  writeFile(root, rel, serialiseRecord(r));
  return rel;
}

/** `.sdd/config.yaml` that accepts unsigned decision records. */
export const UNSIGNED_CONFIG = 'version: 1\napprovals:\n  require_signature: false\n';

/**
 * `.sdd/access.yml` shared by the approval tests: olga is an org admin; in domain `core`, erin is
 * an admin, bob and carol review (as the team @core-reviewers) and dan contributes; wendy reviews
 * domain `web`. ada owns the specs and mallory has no rights anywhere.
 */
export const ACCESS = [
  'org_admins: [olga@example.com]',
  'teams:',
  '  "@core-reviewers": [bob@example.com, carol@example.com]',
  'domains:',
  '  core:',
  '    admins: [erin@example.com]',
  '    reviewers: ["@core-reviewers"]',
  '    contributors: [dan@example.com]',
  '  web:',
  '    reviewers: [wendy@example.com]',
  '',
].join('\n');

/** Everyone in ACCESS, plus ada (the owner) and mallory, each with an ed25519 key, except carol's ecdsa one. */
export function people() {
  return {
    ada: signer('ada@example.com'),
    bob: signer('bob@example.com'),
    carol: signer('carol@example.com', 'ecdsa'),
    dan: signer('dan@example.com'),
    erin: signer('erin@example.com'),
    olga: signer('olga@example.com'),
    wendy: signer('wendy@example.com'),
    mallory: signer('mallory@example.com'),
  };
}
