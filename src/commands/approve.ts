import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, style, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { SddError } from '../core/shared/errors.js';
import { uniqueSpec } from '../core/spec/lookup.js';
import { assertDecidable } from '../core/governance/gates.js';
import type { Decision } from '../core/governance/record.js';

export interface DecisionOptions {
  args: string[];
  reason?: string;
  as?: string;
  key?: string;
}

export function register(program: Command): void {
  program
    .command('approve')
    .description('approve a spec: a new signed decision file under .sdd/approvals/<id>/')
    .argument('<id>', 'spec id')
    .option('--reason <text>', 'why (kept in the record and the audit log)')
    .option('--as <email>', 'decide as this principal (default: git config user.email)')
    .option('--key <path>', 'SSH private key to sign with (default: git config user.signingkey)')
    .addHelpText('after', examples(
      ['sdd approve user-login', 'sign with the key in git config user.signingkey'],
      ['sdd approve user-login --reason "matches the threat model" --key ~/.ssh/id_ed25519', ''],
    ) + `
The record holds the spec's content hash, its dependencies' hashes and the git commit, and is
signed with ssh-keygen (namespace sdd-approval); .sdd/allowed_signers verifies it. Only reviewers
of the spec's domain (.sdd/access.yml) who do not own it may approve. An edit to the spec makes
the approval stale; run \`sdd check\` to see approval state.
`)
    .action(action((env: Env, o: DecisionOptions) => decide(env, o, 'approved')));
}

/** Shared by approve and reject: records the decision and reports the spec's approval state. */
export async function decide(env: Env, options: DecisionOptions, decision: Decision): Promise<number> {
  const [id] = options.args;
  if (decision === 'rejected' && !options.reason?.trim()) {
    throw new SddError('invalid_argument', 'A rejection needs a reason', { fix: `Run \`sdd reject ${id} --reason "what must change"\`.` });
  }
  const cache = await env.openCache();
  const { project } = cache;
  const specs = cache.specs();
  const spec = uniqueSpec(specs, id);
  assertDecidable(spec);
  const { recordDecision } = await import('../core/governance/decide.js');
  const { loadGovernance } = await import('../core/governance/index.js');
  const result = recordDecision(project, spec, specs, { decision, reason: options.reason, as: options.as, key: options.key, now: env.now(), git: env.git });
  const gov = await cache.withVerifications((verified) => loadGovernance(project.paths, project.config, specs, { onlySpec: id, history: false, verified }));
  const state = gov.approvals.get(id)!;
  const mine = gov.entries.find((e) => e.file === result.file);
  if (env.json) {
    writeJson(env, {
      ok: true, file: result.file, record: result.record,
      verified: mine?.signature.ok ?? false,
      approval: { state: state.state, quorum: state.quorum, approvers: state.approvers, rejected_by: state.rejectedBy },
    });
    return 0;
  }
  const p = await style(env);
  const verb = decision === 'approved' ? 'Approved' : 'Rejected';
  env.stdout.write(`${verb} ${p.bold(id)} as ${result.record.principal} (${result.record.role})${result.record.signature ? ', signed' : ', unsigned'}\n  ${result.file}\n`);
  env.stdout.write(`Approval state: ${state.state} (${state.approvers.length} of ${state.quorum})\n`);
  if (mine && !mine.signature.ok) note(env, `warning: this decision does not verify yet: ${mine.signature.message}. Add your public key to .sdd/allowed_signers.`);
  if (decision === 'approved' && state.state === 'approved' && spec.status === 'review') note(env, `Next: sdd status ${id} approved`);
  return 0;
}
