import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, style, writeJson } from '../output.js';
import type { Env } from '../env.js';
import type { Git } from '../core/git/index.js';
import { SddError } from '../core/shared/errors.js';
import { uniqueSpec } from '../core/spec/lookup.js';

export interface DriftAcceptOptions {
  args: string[];
  reason?: string;
  as?: string;
  key?: string;
}

export function register(drift: Command): void {
  drift
    .command('accept')
    .description('record (signed) that the code at the current commit matches an approved spec: resets its code drift')
    .argument('<id>', 'spec id')
    .option('--reason <text>', 'what was checked (kept in the record and the audit log)')
    .option('--as <email>', 'decide as this principal (default: git config user.email)')
    .option('--key <path>', 'SSH private key to sign with (default: git config user.signingkey)')
    .addHelpText('after', examples(
      ['sdd drift accept login', 'after reviewing the code changed since the approval'],
      ['sdd drift accept login --reason "refactor only" --key ~/.ssh/id_ed25519', ''],
    ) + `
The acceptance is a decision file under .sdd/approvals/<id>/, made and signed like an approval
(same reviewers: the spec's domain, not its owner). It records the current commit and the
dependencies' content hashes: code drift is then measured from this commit, and a dependency
that changed before it no longer makes the spec suspect. Uncommitted changes to governed files
are not covered: commit them first.
`)
    .action(action(run));
}

// @sdd traceability/DRF-006
export async function run(env: Env, options: DriftAcceptOptions): Promise<number> {
  const [id] = options.args;
  const cache = await env.openCache();
  const { project } = cache;
  const { loadDriftState } = await import('../app/drift.js');
  const { specs, governance, drift } = await loadDriftState(cache);
  const spec = uniqueSpec(specs, id);
  const approval = governance.approvals.get(id);
  if (!approval || (approval.state !== 'approved' && approval.state !== 'suspect')) {
    throw new SddError('invalid_state', `${id} has no valid approval of its current content (approval state: ${approval?.state ?? 'none'}); only the code of an approved spec can be accepted`, {
      target: { file: spec.file },
      fix: `Have it approved first (\`sdd approve ${id}\` by a reviewer of its domain); \`sdd check\` shows what is missing.`,
    });
  }
  const { recordDecision } = await import('../core/governance/decide.js');
  const result = recordDecision(project, spec, specs, { decision: 'code_accepted', reason: options.reason, as: options.as, key: options.key, now: env.now(), git: env.git });
  const before = drift.specs.find((s) => s.id === id);
  const dirty = await uncommitted(env.git.at(project.paths.root), before?.codeDrift?.changed ?? []);
  if (env.json) {
    writeJson(env, { ok: true, file: result.file, record: result.record, uncommitted: dirty });
    return 0;
  }
  const p = await style(env);
  const r = result.record;
  env.stdout.write(`Accepted the code of ${p.bold(id)} at ${r.commit ? r.commit.slice(0, 7) : '(no commit yet)'} as ${r.principal}${r.signature ? ', signed' : ', unsigned'}\n  ${result.file}\n`);
  if (dirty.length) note(env, `warning: uncommitted changes are not covered and still count as drift: ${dirty.join(', ')}. Commit them, then accept again.`);
  return 0;
}

/** Those of `files` with changes git has not committed. */
async function uncommitted(git: Git, files: string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const out = await git.stdout(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...files]);
  return (out ?? '').split('\0').filter((e) => e.length > 3).map((e) => e.slice(3)).sort();
}
