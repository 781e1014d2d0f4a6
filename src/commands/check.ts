import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note } from '../output.js';
import { SddError } from '../core/shared/errors.js';
import { deliver, reportFormat, type DeliveryOptions } from './shared/deliver.js';
import type { StagedOutcome } from '../app/check-staged.js';
import type { Env } from '../env.js';

export interface CheckOptions extends DeliveryOptions {
  args: string[];
  staged?: boolean;
}

export function register(program: Command): void {
  program
    .command('check')
    .description('run every rule (schema, structure, requirements, policies) and report findings')
    .argument('[paths...]', 'files or directories to report on (default: everything)')
    .option('--format <format>', 'text, json, sarif (SARIF 2.1.0) or github (annotations + step summary)')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <level>', 'exit 1 on: error, warning (or worse), none', 'error')
    .option('--baseline <file>', 'accept the findings recorded in this file; only new ones count')
    .option('--update-baseline', 'record the current findings in the --baseline file')
    .option('--staged', 'check what git will commit (the index), reporting on staged specs and their dependents')
    .addHelpText('after', examples(
      ['sdd check', 'every rule, grouped by file'],
      ['sdd check --format sarif --output sdd.sarif', 'for GitHub code scanning'],
      ['sdd check --format github', 'annotations in a GitHub Actions log (and a step summary)'],
      ['sdd check --baseline .sdd/baseline.json --update-baseline', 'accept today\'s findings'],
      ['sdd check --baseline .sdd/baseline.json', 'fail only on findings not in the baseline'],
      ['sdd check --staged', 'what the next commit holds (the pre-commit hook runs this)'],
    ) + '\nRules and their options: `sdd rules`. Severities are set in .sdd/config.yaml under `rules:`.\n')
    .action(action(run));
}

// @sdd checks/CHK-005
export async function run(env: Env, options: CheckOptions): Promise<number> {
  const format = reportFormat(env, options);
  if (options.staged) return runStaged(env, options, format);
  const cache = await env.openCache();
  const { checkProject } = await import('../app/check.js');
  const outcome = await checkProject(cache, { cwd: env.cwd, only: options.args });
  if (outcome.notice) note(env, outcome.notice);
  const { gitOptional } = await import('./shared/git-optional.js');
  return deliver(env, options, format, cache.project.paths.root, outcome, await gitOptional(env, cache.project.paths.root));
}

/** `--staged`: what the next commit holds (the pre-commit hook runs this). */
async function runStaged(env: Env, options: CheckOptions, format: string): Promise<number> {
  if (options.updateBaseline) {
    throw new SddError('invalid_argument', '--update-baseline records the findings of the whole project, so it cannot be combined with --staged', {
      fix: 'Run `sdd check --baseline <file> --update-baseline` without --staged.',
    });
  }
  const { checkStaged } = await import('../app/check-staged.js');
  const outcome = await checkStaged(env, { cwd: env.cwd, only: options.args });
  if (outcome.skipped !== null) {
    note(env, `sdd: ${outcome.skipped}, so there is nothing to check`);
    if (format === 'text') return 0;
  } else {
    note(env, `sdd: ${stagedSummary(outcome)}`);
  }
  return deliver(env, options, format, outcome.root, outcome, stagedJson(outcome));
}

function stagedSummary({ scope, driftCodeFiles: c }: StagedOutcome): string {
  const n = scope.specs.length;
  const d = scope.dependents.length;
  return `checked the staged content of ${n} spec${n === 1 ? '' : 's'}${d ? ` and ${d} dependent${d === 1 ? '' : 's'}` : ''}${c ? `, and drift for ${c} staged code file${c === 1 ? '' : 's'}` : ''}`;
}

function stagedJson({ scope }: StagedOutcome): Record<string, unknown> {
  return { staged: { specs: scope.specs, dependents: scope.dependents, other_sdd_files: scope.otherSddFiles, code_files: scope.codeFiles, specs_of_code: scope.specsOfCode } };
}
