import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, style, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { uniqueSpec } from '../core/spec/lookup.js';
import { transitionTable } from '../core/governance/lifecycle.js';
import type { CacheSession } from '../cache/open.js';

export interface StatusOptions {
  args: string[];
  reason?: string;
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('status')
    .description('move a spec to another status (draft → review → approved → implemented → deprecated), editing its file in place')
    .argument('<id>', 'spec id')
    .argument('<state>', 'new status: draft, review, approved, implemented or deprecated')
    .option('--reason <text>', 'why (kept as status_reason; required to move back from approved, implemented or deprecated)')
    .option('--force', 'move to implemented although code evidence is missing (needs --reason; recorded as a signed decision)')
    .addHelpText('after', examples(
      ['sdd status user-login review', 'ready for review'],
      ['sdd status user-login approved', 'once a quorum of reviewers ran `sdd approve user-login`'],
      ['sdd status user-login draft --reason "REQ-003 is wrong"', 'reopen an approved spec'],
      ['sdd status user-login implemented', 'once every requirement is tagged in the code'],
    ) + `
Transitions:
${transitionTable()}

Approved and implemented need the computed approval state (signed decisions under
.sdd/approvals/) to be approved; a suspect approval (a dependency changed since) is accepted with a
warning. Implemented also needs the code evidence of \`sdd drift\`: every requirement implemented
(and tested, with drift.require_tests), and no code changed since the approval or the latest
\`sdd drift accept\`. --force --reason overrides missing evidence and records that it did. With --reason the file gets \`status_reason:\`; without, a stale one is removed. An
existing \`updated:\` key is set to today's date. Comments and formatting are kept.
`)
    .action(action(run));
}

export async function run(env: Env, options: StatusOptions): Promise<number> {
  const [id, to] = options.args;
  const cache = await env.openCache();
  const { project } = cache;
  const specs = cache.specs();
  const spec = uniqueSpec(specs, id);
  const { changeStatus } = await import('../core/governance/lifecycle.js');
  const missingEvidence = to === 'implemented' && spec.status !== 'implemented' ? await evidenceGaps(cache, id) : [];
  const change = await cache.withVerifications((verified) => changeStatus(project, spec, specs, { to, reason: options.reason, now: env.now(), verified, missingEvidence, force: options.force, git: env.git }));
  if (env.json) {
    writeJson(env, { ok: true, spec: change.spec, from: change.from, to: change.to, file: change.file, reason: change.reason, changed: change.changed, warnings: change.warnings, override_file: change.overrideFile });
    return 0;
  }
  for (const w of change.warnings) note(env, w);
  const p = await style(env);
  if (!change.changed) {
    env.stdout.write(`${p.bold(id)} is already ${to}; nothing changed\n`);
    return 0;
  }
  env.stdout.write(`${p.bold(id)}: ${change.from} → ${p.bold(change.to)}${change.reason ? ` (${change.reason})` : ''}\n  ${change.file}\n`);
  return 0;
}

// @sdd traceability/DRF-008
/** What the code evidence of `id` lacks for implemented (drift is loaded only for that move). */
async function evidenceGaps(cache: CacheSession, id: string): Promise<string[]> {
  const { loadDriftState } = await import('../app/drift.js');
  const { missingEvidence } = await import('../core/drift/analyse.js');
  const s = (await loadDriftState(cache)).drift.specs.find((x) => x.id === id);
  return s ? missingEvidence(s) : [];
}
