import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { createFileAtomic } from '../shared/fs-atomic.js';
import type { Project } from '../project/open.js';
import type { Spec } from '../spec/parse.js';
import { hasRole, loadAccess, roleOf } from './access.js';
import { DECISION_VERBS, dependencyHashes, needsReviewer, requireSignature } from './index.js';
import { APPROVALS_DIR, recordFileName, serialiseRecord, signedBytes, type Decision, type DecisionRecord } from './record.js';
import { sign, signingKeyFile } from './ssh.js';
import { isEmail } from '../shared/email.js';

export interface DecideOptions {
  decision: Decision;
  reason?: string;
  /** Principal override (`--as`); default git `user.email`. */
  as?: string;
  /** SSH key override (`--key`); default git `user.signingkey`. */
  key?: string;
  /** Reviewers asked (review requests). */
  reviewers?: string[];
  now: Date;
}

export interface DecideResult {
  record: DecisionRecord;
  /** Project-relative path of the new file. */
  file: string;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}


/** Who is deciding: `--as`, else git's user.email. */
export function principalFor(root: string, as: string | undefined): string {
  const who = as ?? git(root, ['config', 'user.email']);
  if (!who) {
    throw new SddError('principal_missing', 'Cannot tell who you are: git has no user.email', {
      fix: 'Run `git config user.email you@example.com`, or pass --as <email>.',
    });
  }
  if (!isEmail(who)) throw new SddError('invalid_argument', `"${who}" is not an email address`, { fix: 'Principals are email addresses, e.g. --as bob@example.com.' });
  return who.toLowerCase();
}

/**
 * Records a decision about `spec` as a new, signed, immutable file under
 * `.sdd/approvals/<id>/`. Refuses (writing nothing) when the principal may not decide: the owner
 * of the spec, or someone without reviewer rights for its domain.
 */
export function recordDecision(project: Project, spec: Spec, specs: Spec[], opts: DecideOptions): DecideResult {
  const { paths, config } = project;
  const principal = principalFor(paths.root, opts.as);
  const access = loadAccess(paths.sddDir, paths.root);
  const role = roleOf(access.access, principal, spec.domain ?? null);
  if (needsReviewer(opts.decision)) {
    const verb = DECISION_VERBS[opts.decision];
    if (spec.owner && spec.owner.toLowerCase() === principal) {
      throw new SddError('not_authorized', `${principal} owns ${spec.id} and cannot ${verb} it`, {
        target: { file: spec.file },
        fix: 'Ask a reviewer of the domain who is not the owner.',
      });
    }
    if (!hasRole(role, 'reviewer')) {
      throw new SddError('not_authorized', `${principal} is a ${role} for ${spec.domain ? `domain "${spec.domain}"` : 'specs without a domain'}; to ${verb} a spec needs reviewer rights`, {
        target: { file: access.file },
        fix: `Add ${principal} as a reviewer of the domain in ${access.file} (a domain or org admin's change), or ask a reviewer.`,
      });
    }
  }
  const base: Omit<DecisionRecord, 'signature'> = {
    version: 1,
    spec: spec.id,
    decision: opts.decision,
    principal,
    role,
    reason: opts.reason?.trim() || null,
    timestamp: opts.now.toISOString(),
    content_hash: spec.contentHash,
    dependencies: dependencyHashes(spec, specs),
    commit: git(paths.root, ['rev-parse', '--verify', '--quiet', 'HEAD']) ?? null,
    reviewers: [...new Set(opts.reviewers ?? [])],
  };
  const gitKey = git(paths.root, ['config', 'user.signingkey']);
  let signature: string | null = null;
  if (requireSignature(config) || opts.key || gitKey) {
    signature = sign(signedBytes(base), signingKeyFile(opts.key, gitKey, paths.root));
  }
  const record: DecisionRecord = { ...base, signature };
  const rel = recordFileName(record);
  const dir = path.join(paths.sddDir, APPROVALS_DIR);
  // Never replace a decision: two in the same second by the same person get a suffix.
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? rel : rel.replace(/\.json$/, `-${n}.json`);
    if (createFileAtomic(path.join(dir, name), serialiseRecord(record))) {
      return { record, file: ['.sdd', APPROVALS_DIR, ...name.split('/')].join('/') };
    }
  }
  throw new SddError('write_failed', `Could not find a free file name for the decision under .sdd/${APPROVALS_DIR}/${spec.id}/`, { fix: 'Remove stray files there and try again.' });
}
