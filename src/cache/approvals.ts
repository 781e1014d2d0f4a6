import fs from 'node:fs';
import path from 'node:path';
import { META, isBusyDatabase, metaValue, setMeta, type Db } from './db.js';
import type { ProjectPaths } from '../core/project/paths.js';
import type { Config } from '../core/project/config.js';
import type { Spec } from '../core/spec/parse.js';
import type { Verification } from '../core/governance/ssh.js';

const APPROVALS = 'approvals';

function statKey(file: string): string {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}` : '-';
}

/**
 * A cheap fingerprint of everything approval state depends on besides the specs: the decision
 * files (names and stat), access.yml, allowed_signers and the signature setting. With no
 * approvals folder it costs three failed stats.
 */
export function governanceFingerprint(paths: ProjectPaths, config: Config): string {
  const parts = [JSON.stringify(config.raw.approvals ?? null), statKey(path.join(paths.sddDir, 'access.yml')), statKey(path.join(paths.sddDir, 'allowed_signers'))];
  const dir = path.join(paths.sddDir, APPROVALS);
  let specDirs: string[];
  try {
    specDirs = fs.readdirSync(dir).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return parts.join('\n');
    return parts.concat(`${APPROVALS}:${(err as NodeJS.ErrnoException).code}:${Date.now()}`).join('\n');
  }
  for (const d of specDirs) {
    let files: string[];
    try {
      files = fs.readdirSync(path.join(dir, d)).sort();
    } catch (err) {
      // Unreadable: never a fast path; loading the decisions then reports it.
      parts.push(`${d}:${(err as NodeJS.ErrnoException).code}:${Date.now()}`);
      continue;
    }
    for (const f of files) parts.push(`${d}/${f}:${statKey(path.join(dir, d, f))}`);
  }
  return parts.join('\n');
}

/** True when approval state must be recomputed: a spec changed, or the governance files did. */
export function approvalsStale(db: Db, fingerprint: string, specsChanged: boolean): boolean {
  return specsChanged || metaValue(db, META.governanceFingerprint) !== fingerprint;
}

/** The specs as approval state needs them (no bodies): id, hash, owner, domain, depends_on. */
function lightSpecs(db: Db): Spec[] {
  const rows = db.prepare('SELECT id, content_hash, owner, domain, depends_on, path FROM specs ORDER BY id, path').all() as Array<{ id: string; content_hash: string; owner: string | null; domain: string | null; depends_on: string; path: string }>;
  return rows.map((r) => ({ id: r.id, contentHash: r.content_hash, owner: r.owner, domain: r.domain, dependsOn: JSON.parse(r.depends_on) as string[], file: r.path }) as unknown as Spec);
}

// @sdd approvals/GOV-007
/**
 * Recomputes approval_state and approval_people from the decision files. Signature verdicts are
 * remembered in `verifications`, so only new or changed records reach ssh-keygen.
 */
export async function recomputeApprovals(db: Db, paths: ProjectPaths, config: Config, fingerprint: string): Promise<void> {
  const hasDecisions = fs.existsSync(path.join(paths.sddDir, APPROVALS));
  let rows: Array<[string, string, number, string]> = [];
  let people: Array<[string, string, string]> = [];
  if (hasDecisions) {
    const { loadGovernance } = await import('../core/governance/index.js');
    const gov = await withVerifications(db, (verified) => loadGovernance(paths, config, lightSpecs(db), { history: false, verified }));
    for (const a of gov.approvals.values()) {
      rows.push([a.spec, a.state, a.quorum, JSON.stringify(a.approvers)]);
      for (const p of a.requestedReviewers) people.push([a.spec, p.toLowerCase(), 'requested']);
      for (const p of a.approvers) people.push([a.spec, p, 'approved']);
      for (const p of a.rejectedBy) people.push([a.spec, p, 'rejected']);
    }
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('DELETE FROM approval_state; DELETE FROM approval_people;');
    const putState = db.prepare('INSERT OR REPLACE INTO approval_state(spec_id, state, quorum, approvers) VALUES (?, ?, ?, ?)');
    const putPerson = db.prepare('INSERT INTO approval_people(spec_id, principal, role) VALUES (?, ?, ?)');
    for (const r of rows) putState.run(...r);
    for (const p of people) putPerson.run(...p);
    setMeta(db, META.governanceFingerprint, fingerprint);
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  rows = [];
  people = [];
}

// @sdd approvals/GOV-007
/** Remembered signature verdicts (see src/core/governance/ssh.ts `verify`). */
function loadVerifications(db: Db): Map<string, Verification> {
  return new Map((db.prepare('SELECT key, verdict FROM verifications').all() as Array<{ key: string; verdict: string }>).map((r) => [r.key, JSON.parse(r.verdict) as Verification]));
}

/**
 * Runs `use` with the remembered signature verdicts; the verdicts it adds (new or changed
 * decision records it verified) are stored afterwards, so a later run skips their ssh-keygen.
 */
export async function withVerifications<T>(db: Db, use: (verified: Map<string, Verification>) => T | Promise<T>): Promise<T> {
  const verified = loadVerifications(db);
  const known = verified.size;
  const result = await use(verified);
  if (verified.size > known) saveVerifications(db, verified);
  return result;
}

/**
 * Stores verdicts not yet remembered. Best effort: they only save a later run some ssh-keygen
 * calls, so another process holding the write lock is no reason to fail the command.
 */
function saveVerifications(db: Db, verdicts: Map<string, Verification>): void {
  const put = db.prepare('INSERT OR IGNORE INTO verifications(key, verdict) VALUES (?, ?)');
  try {
    db.transaction(() => {
      for (const [k, v] of verdicts) put.run(k, JSON.stringify(v));
    }).immediate();
  } catch (err) {
    if (!isBusyDatabase(err)) throw err;
  }
}
