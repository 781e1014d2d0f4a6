import { SddError } from '../shared/errors.js';
import type { Spec } from '../spec/parse.js';
import { hasRole, roleOf, type LoadedAccess } from './access.js';

/**
 * Approvals and rejections are decisions on a spec someone asked to have reviewed: a draft is
 * not ready yet, and a deprecated spec is no longer maintained. Throws for those.
 */
export function assertDecidable(spec: Spec): void {
  if (spec.status !== 'draft' && spec.status !== 'deprecated') return;
  throw new SddError('invalid_state', `${spec.id} is ${spec.status === 'draft' ? 'a draft' : 'deprecated'}; only specs in review (or already approved) are decided on`, {
    target: { file: spec.file },
    fix: spec.status === 'draft' ? `Move it to review first: \`sdd status ${spec.id} review\`.` : 'A deprecated spec is no longer reviewed.',
  });
}

/** Review is requested for drafts and specs in review; anything further along must move back first. */
export function assertReviewRequestable(spec: Spec): void {
  if (spec.status === 'draft' || spec.status === 'review') return;
  throw new SddError('invalid_state', `${spec.id} is ${spec.status}; review is requested for drafts and specs in review`, {
    target: { file: spec.file },
    fix: spec.status === 'deprecated' ? `A deprecated spec is no longer reviewed; \`sdd status ${spec.id} draft --reason "why"\` revives it.` : `Move it back first: \`sdd status ${spec.id} review --reason "what changed"\`.`,
  });
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** The reviewers asked for `id`, lower-cased and deduplicated; throws unless there are some and all are email addresses. */
export function requestedReviewers(id: string, asked: string[]): string[] {
  const reviewers = [...new Set(asked.map((r) => r.toLowerCase()))];
  if (reviewers.length === 0) {
    throw new SddError('invalid_argument', 'A review request needs at least one reviewer', { fix: `Run \`sdd review request ${id} --reviewer bob@example.com\` (repeat --reviewer for more).` });
  }
  const bad = reviewers.filter((r) => !EMAIL.test(r));
  if (bad.length) throw new SddError('invalid_argument', `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not an email address' : 'are not email addresses'}`, { fix: 'Reviewers are git user.email addresses, e.g. --reviewer bob@example.com.' });
  return reviewers;
}

/**
 * Warnings for reviewers whose approval of `spec` will not count: its owner, and anyone who is
 * not a reviewer of its domain in access.yml. Asking them is allowed; the request says so.
 */
export function reviewerWarnings(access: LoadedAccess, spec: Spec, reviewers: string[]): string[] {
  return reviewers.flatMap((r) => {
    if (spec.owner?.toLowerCase() === r) return [`warning: ${r} owns ${spec.id}, so their approval will not count.`];
    if (!hasRole(roleOf(access.access, r, spec.domain), 'reviewer')) return [`warning: ${r} is not a reviewer of ${spec.domain ? `domain "${spec.domain}"` : 'specs without a domain'} in ${access.file}, so their approval will not count.`];
    return [];
  });
}
