import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, style, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { specNotFound } from '../core/spec/lookup.js';
import * as accept from './drift-accept.js';

// Spelt apart so that sdd, scanning its own source, does not read the examples as tags.
const TAG = '@' + 'sdd';

export interface DriftOptions {
  args: string[];
}

export function register(program: Command): void {
  const drift = program
    .command('drift')
    .description('compare specs with the code: coverage of requirements by @sdd tags, orphaned and outdated tags, code changed since approval')
    .argument('[ids...]', 'only these specs (default: every spec that is not deprecated)')
    .addHelpText('after', examples(
      ['sdd drift', 'one line per spec, details under those with drift, totals'],
      ['sdd drift login checkout --json', 'per requirement: status, implementing and testing locations'],
      ['sdd drift accept login', 'the code at this commit matches the spec (signed)'],
    ) + `
Code points at specs with tags in comments, in any language:

  // ${TAG} login/REQ-001           implements a requirement
  # ${TAG} login/REQ-002 role=test  tests one (tags in test files are tests anyway)
  -- ${TAG} login/REQ-003@3f9a1c2e  pinned to a content hash (sdd trace prints it)

Statuses: covered; uncovered (a requirement of an approved or implemented spec that no code
implements); untested (no test, when drift.require_tests is on); orphaned (a tag naming an unknown
or deprecated spec or requirement); outdated (a pin that no longer matches); code-drift (governed
or implementing files changed since the latest approval or acceptance); suspect (a dependency
changed since). Exit 1 when anything drifts. The same findings are rules of \`sdd check\`.
`)
    .action(action(run));
  accept.register(drift);
}

// @sdd traceability/DRF-004
export async function run(env: Env, options: DriftOptions): Promise<number> {
  const { loadDriftState } = await import('../app/drift.js');
  const cache = await env.openCache();
  const { drift } = await loadDriftState(cache);
  const { gitOptional } = await import('./shared/git-optional.js');
  const gitMark = await gitOptional(env, cache.project.paths.root);
  const known = new Map(drift.specs.map((s) => [s.id, s]));
  for (const id of options.args) if (!known.has(id)) throw specNotFound(id, known.keys());
  const specs = options.args.length ? drift.specs.filter((s) => options.args.includes(s.id)) : drift.specs;
  const { formatDriftText, specDriftJson, tagJson } = await import('../core/report/drift.js');
  const { sumCoverage: sum } = await import('../core/drift/analyse.js');
  // Tags of unknown or deprecated specs belong to no spec line; they count when every spec is shown.
  const loose = options.args.length ? [] : drift.tags.filter((t) => t.spec === null || !known.has(t.spec));
  const clean = specs.every((s) => s.problems.length === 0) && loose.length === 0;
  if (env.json) {
    const domains = Object.fromEntries(Object.entries(drift.coverage.domains).sort(([a], [b]) => a.localeCompare(b)));
    writeJson(env, {
      ok: clean, git: drift.git, ...gitMark, require_tests: drift.requireTests,
      totals: { specs: specs.length, ok: specs.filter((s) => !s.problems.length).length, drift: specs.filter((s) => s.problems.length).length, tags_naming_no_current_spec: loose.length },
      coverage: options.args.length ? { overall: sum(specs.map((s) => s.coverage)) } : { overall: drift.coverage.overall, domains },
      specs: specs.map(specDriftJson),
      tags: (options.args.length ? specs.flatMap((s) => s.tags) : drift.tags).map(tagJson),
    });
  } else {
    env.stdout.write(formatDriftText(drift, specs, await style(env)));
  }
  return clean ? 0 : 1;
}
