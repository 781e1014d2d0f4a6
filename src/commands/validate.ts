import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, style, writeJson } from '../output.js';
import { countsJson, findingJson } from '../json-types.js';
import type { Env } from '../env.js';
import { emptySpecsNotice, pathFilters, matchesFilters, requireMatches } from '../core/project/path-filter.js';
import { allSpecs, parseProblems } from '../cache/read.js';
import { countFindings } from '../core/check/findings.js';
import { formatFindingsText } from '../core/report/text.js';
import { fromCwd } from './shared/deliver.js';

export interface ValidateOptions {
  args: string[];
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check spec files against the schema and each other (syntax, fields, ids, dependencies)')
    .argument('[paths...]', 'files or directories to report on (default: every spec)')
    .addHelpText('after', examples(
      ['sdd validate', 'validate every spec in .sdd/specs/'],
      ['sdd validate .sdd/specs/auth', 'report only on specs under a folder'],
      ['sdd validate --json | jq .findings', 'machine-readable findings'],
    ) + '\nExit status: 0 when clean, 1 when any error is found, 2 when sdd itself cannot run.\n')
    .action(action(run));
}

// @sdd validation/VAL-007
export async function run(env: Env, options: ValidateOptions): Promise<number> {
  const { validateSpecs } = await import('../core/check/validate.js');
  const { sortFindings } = await import('../core/check/findings.js');

  const { db, project } = await env.openCache();
  const { paths } = project;
  const loaded = { specs: allSpecs(db), problems: parseProblems(db) };
  const filters = pathFilters(paths, env.cwd, options.args);
  const files = [...loaded.specs.map((s) => s.file), ...loaded.problems.map((p) => p.file)];
  requireMatches(env.cwd, options.args, filters, files, 'spec files under .sdd/specs/');
  const empty = emptySpecsNotice(paths, files.length);
  if (empty) note(env, empty);
  // Cross-file checks always see the whole project; the paths only narrow what is reported.
  const findings = sortFindings(validateSpecs(paths.root, loaded, project.config)).filter((f) => matchesFilters(f.file, filters));
  const filesChecked = files.filter((f) => matchesFilters(f, filters)).length;
  const counts = countFindings(findings);

  if (env.json) {
    writeJson(env, { ok: counts.errors === 0, files_checked: filesChecked, counts: countsJson(counts), findings: findings.map(findingJson) });
  } else if (!(env.quiet && findings.length === 0)) {
    const shown = findings.map((f) => ({ ...f, file: fromCwd(env.cwd, paths.root, f.file) }));
    env.stdout.write(formatFindingsText(shown, { paint: await style(env), filesChecked }));
  }
  return counts.errors > 0 ? 1 : 0;
}
