import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { openGit, type Git } from '../git/index.js';
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
  /** The git gateway (Env.git), asked for the principal, the signing key and HEAD; unset, one for the project root. */
  git?: Git;
}

export interface DecideResult {
  record: DecisionRecord;
  /** Project-relative path of the new file. */
  file: string;
}


/** Who is deciding: `--as`, else git's user.email (asked through `git`, at the project root). */
export function principalFor(git: Git, as: string | undefined): string {
  const who = as ?? git.configValueSync('user.email') ?? undefined;
  if (!who) {
    throw new SddError('principal_missing', 'Cannot tell who you are: git has no user.email', {
      fix: 'Run `git config user.email you@example.com`, or pass --as <email>.',
    });
  }
  if (!isEmail(who)) throw new SddError('invalid_argument', `"${who}" is not an email address`, { fix: 'Principals are email addresses, e.g. --as bob@example.com.' });
  return who.toLowerCase();
}

// @sdd approvals/GOV-001
/**
 * Records a decision about `spec` as a new, signed, immutable file under
 * `.sdd/approvals/<id>/`. Refuses (writing nothing) when the principal may not decide: the owner
 * of the spec, or someone without reviewer rights for its domain.
 */
export function recordDecision(project: Project, spec: Spec, specs: Spec[], opts: DecideOptions): DecideResult {
  const { paths, config } = project;
  const git = (opts.git ?? openGit(paths.root)).at(paths.root);
  const principal = principalFor(git, opts.as);
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
    commit: git.stdoutSync(['rev-parse', '--verify', '--quiet', 'HEAD']),
    reviewers: [...new Set(opts.reviewers ?? [])],
  };
  const gitKey = git.configValueSync('user.signingkey') ?? undefined;
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
