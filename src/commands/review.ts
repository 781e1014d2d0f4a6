import type { Command } from 'commander';
import { action, commaList } from '../command.js';
import { examples, note, style, table, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { SddError } from '../core/shared/errors.js';
import { assertReviewRequestable, requestedReviewers, reviewerWarnings } from '../core/governance/gates.js';
import { uniqueSpec } from '../core/spec/lookup.js';
import { isEmail } from '../core/shared/email.js';

export interface RequestOptions {
  args: string[];
  reviewer?: string[];
  reason?: string;
  as?: string;
  key?: string;
}

export interface ListOptions {
  args: string[];
  mine?: boolean;
  as?: string;
}

export function register(program: Command): void {
  const review = program
    .command('review')
    .description('ask for reviews and see the review queue')
    .addHelpText('after', examples(
      ['sdd review request user-login --reviewer bob@example.com', 'ask bob; a draft moves to review'],
      ['sdd review list', 'every spec in review, longest waiting first'],
      ['sdd review list --mine', 'the reviews you were asked for'],
    ));
  review
    .command('request')
    .description('ask reviewers for a review: a new signed review_requested decision under .sdd/approvals/<id>/')
    .argument('<id>', 'spec id')
    .option('--reviewer <email>', 'who is asked (repeat, or comma-separate; at least one)', commaList)
    .option('--reason <text>', 'what to look at (kept in the record)')
    .option('--as <email>', 'ask as this principal (default: git config user.email)')
    .option('--key <path>', 'SSH private key to sign with (default: git config user.signingkey)')
    .addHelpText('after', examples(
      ['sdd review request user-login --reviewer bob@example.com --reviewer carol@example.com', 'ask two reviewers'],
      ['sdd review request user-login --reviewer bob@example.com --reason "REQ-003 changed"', 'say what to look at'],
    ) + '\nA draft is moved to review (`sdd status <id> review`). Reviewers approve with `sdd approve <id>`.\n')
    .action(action(request));
  review
    .command('list')
    .description('the review queue: specs in review, who is asked, how long they have waited, approvals vs quorum')
    .option('--mine', 'only the specs you were asked to review (git config user.email, or --as)')
    .option('--as <email>', 'with --mine: whose queue')
    .addHelpText('after', examples(
      ['sdd review list', 'longest waiting first; specs never requested come last'],
      ['sdd review list --mine --json', 'what you were asked to review, for scripts'],
    ))
    .action(action(list));
}

// @sdd lifecycle/LIF-004
export async function request(env: Env, options: RequestOptions): Promise<number> {
  const [id] = options.args;
  const reviewers = requestedReviewers(id, options.reviewer ?? []);
  const cache = await env.openCache();
  const { project } = cache;
  const specs = cache.specs();
  const spec = uniqueSpec(specs, id);
  assertReviewRequestable(spec);
  const { recordDecision } = await import('../core/governance/decide.js');
  const { loadAccess } = await import('../core/governance/access.js');
  const { changeStatus } = await import('../core/governance/lifecycle.js');
  const warnings = reviewerWarnings(loadAccess(project.paths.sddDir, project.paths.root), spec, reviewers);
  const result = recordDecision(project, spec, specs, { decision: 'review_requested', reviewers, reason: options.reason, as: options.as, key: options.key, now: env.now(), git: env.git });
  const moved = spec.status === 'draft' ? await moveToReview(id, result.file, () => changeStatus(project, spec, specs, { to: 'review', now: env.now() })) : null;
  if (env.json) {
    writeJson(env, {
      ok: true, spec: id, file: result.file, record: result.record, reviewers,
      status: moved ? { from: moved.from, to: moved.to, file: moved.file } : null, warnings,
    });
    return 0;
  }
  const p = await style(env);
  env.stdout.write(`Requested review of ${p.bold(id)} from ${reviewers.join(', ')}${result.record.signature ? ', signed' : ', unsigned'}\n  ${result.file}\n`);
  if (moved) env.stdout.write(`Moved ${p.bold(id)} from draft to review\n  ${moved.file}\n`);
  for (const w of warnings) note(env, w);
  return 0;
}

/** The request is already on disk when the move fails: say so, so the user only re-runs the move. */
async function moveToReview<T>(id: string, requestFile: string, move: () => Promise<T>): Promise<T> {
  try {
    return await move();
  } catch (err) {
    if (!(err instanceof SddError)) throw err;
    throw new SddError(err.code, `The review request was recorded (${requestFile}), but the spec could not be moved to review: ${err.message}`, {
      target: err.target,
      fix: `${err.fix ?? 'Fix the spec file.'} Then run \`sdd status ${id} review\` (not the request again).`,
    });
  }
}

interface ReviewRow {
  id: string;
  title: string;
  domain: string | null;
  file: string;
  requested_reviewers: string[];
  requested_at: string | null;
  waiting_days: number | null;
  approvals: number;
  quorum: number;
  state: string;
}

const DAY_MS = 86_400_000;

// @sdd lifecycle/LIF-004
export async function list(env: Env, options: ListOptions): Promise<number> {
  const cache = await env.openCache();
  const { project } = cache;
  const specs = cache.specs().filter((s) => s.id);
  const { loadGovernance } = await import('../core/governance/index.js');
  const { principalFor } = await import('../core/governance/decide.js');
  const me = options.mine ? principalFor(env.git.at(project.paths.root), options.as) : null;
  const gov = await cache.withVerifications((verified) => loadGovernance(project.paths, project.config, specs, { history: false, verified }));
  const now = env.now().getTime();
  let rows: ReviewRow[] = specs.filter((s) => s.status === 'review').map((s) => {
    const a = gov.approvals.get(s.id)!;
    const at = a.requestedAt ? Date.parse(a.requestedAt) : NaN;
    return {
      id: s.id, title: s.title, domain: s.domain, file: s.file,
      requested_reviewers: a.requestedReviewers, requested_at: a.requestedAt,
      waiting_days: Number.isNaN(at) ? null : Math.max(0, Math.floor((now - at) / DAY_MS)),
      approvals: a.approvers.length, quorum: a.quorum, state: a.state,
    };
  });
  if (me) rows = rows.filter((r) => r.requested_reviewers.some((x) => x.toLowerCase() === me));
  // Longest waiting first; specs nobody was asked to review have no waiting time and come last.
  const since = (r: ReviewRow) => (r.requested_at === null ? Infinity : Date.parse(r.requested_at));
  rows.sort((a, b) => since(a) - since(b) || a.id.localeCompare(b.id) || a.file.localeCompare(b.file));
  if (env.json) {
    writeJson(env, { reviews: rows });
    return 0;
  }
  const p = await style(env);
  const empty = me ? `Nothing is waiting for a review by ${me}.` : 'No spec is in review.';
  const cells = rows.map((r) => [
    r.id, r.state, `${r.approvals}/${r.quorum}`, r.waiting_days === null ? 'unknown' : `${r.waiting_days}d`,
    r.requested_reviewers.join(', ') || '-', r.title,
  ]);
  // In a pipe: headerless tab-separated rows, as `sdd list` prints, with the reviewers comma-joined.
  if (!env.isTTY) {
    env.stdout.write(cells.map((c) => c.map((v, i) => (i === 4 ? v.replace(/, /g, ',') : v)).join('\t') + '\n').join(''));
    if (rows.length === 0) note(env, empty);
    return 0;
  }
  if (rows.length === 0) {
    env.stdout.write(p.dim(empty) + '\n');
    return 0;
  }
  const [header, ...lines] = table([['ID', 'STATE', 'APPROVALS', 'WAITING', 'REVIEWERS', 'TITLE'], ...cells]).split('\n');
  env.stdout.write(p.bold(header) + '\n' + lines.join('\n'));
  return 0;
}
