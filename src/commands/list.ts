import type { Command } from 'commander';
import { action, commaList } from '../command.js';
import { examples, writeJson } from '../output.js';
import { writeSpecTable } from '../ui/spec-table.js';
import { specSummaryJson } from '../json-types.js';
import type { Env } from '../env.js';
import { countQuery, filterQuery, orderBy, runQuery, valuesInUse } from '../cache/query.js';
import { SddError } from '../core/shared/errors.js';
import { STATUSES } from '../core/spec/fields.js';
import { didYouMean, queryNumber } from '../core/query/fields.js';

export interface ListOptions {
  args: string[];
  status?: string[];
  domain?: string[];
  phase?: string[];
  sort: string;
  count?: boolean;
}

export function register(program: Command): void {
  program
    .command('list')
    .alias('ls')
    .description('list specs, optionally filtered by status, domain or phase')
    .option('--status <status>', 'only these statuses (comma-separated or repeated)', commaList)
    .option('--domain <domain>', 'only these domains (comma-separated or repeated)', commaList)
    .option('--phase <phase>', 'only these phases (comma-separated or repeated)', commaList)
    .option('--sort <key>', 'sort by id, title, status, phase, domain, updated, created, file; - prefix reverses', 'id')
    .option('--count', 'print only the number of matching specs')
    .addHelpText('after', examples(
      ['sdd list', 'every spec: a table on a terminal, tab-separated lines in a pipe'],
      ['sdd list --status review,approved --domain auth', 'filter'],
      ['sdd list --sort -updated', 'most recently updated first'],
      ['sdd list --json', 'machine-readable'],
    ))
    .action(action(run));
}

// @sdd browsing/BROWSE-001, browsing/BROWSE-002
export async function run(env: Env, options: ListOptions): Promise<number> {
  for (const status of options.status ?? []) {
    if (!(STATUSES as readonly string[]).includes(status.toLowerCase())) throw badFilter('--status', status, STATUSES, true);
  }
  orderBy(options.sort);
  const query = filterQuery({ status: options.status, domain: options.domain, phase: options.phase });
  const { answer } = await env.openCache({ read: (db) => ({
    domains: options.domain?.length ? valuesInUse(db, 'domain') : [],
    phases: options.phase?.length ? valuesInUse(db, 'phase') : [],
    count: options.count ? countQuery(db, query) : 0,
    specs: options.count ? [] : runQuery(db, query, { sort: options.sort }),
  }) });
  // A value no spec has is a typo far more often than a question: say so instead of listing nothing.
  const domains = new Set(answer.domains.map((d) => d.toLowerCase()));
  for (const domain of options.domain ?? []) if (!domains.has(domain.toLowerCase())) throw badFilter('--domain', domain, answer.domains);
  const phases = new Set(answer.phases.map((p) => p.toLowerCase()));
  for (const phase of options.phase ?? []) {
    const num = queryNumber(phase);
    if (!phases.has(phase.toLowerCase()) && !(num !== null && answer.phases.some((p) => queryNumber(p) === num))) throw badFilter('--phase', phase, answer.phases);
  }
  if (options.count) {
    if (env.json) writeJson(env, { count: answer.count });
    else env.stdout.write(`${answer.count}\n`);
    return 0;
  }
  const { specs } = answer;

  if (env.json) {
    writeJson(env, { count: specs.length, specs: specs.map(specSummaryJson) });
    return 0;
  }
  const unfiltered = !options.status?.length && !options.domain?.length && !options.phase?.length;
  // With no filter, an empty list means an empty project: say how to start one.
  await writeSpecTable(env, specs, unfiltered ? 'No specs yet. Create the first with `sdd new spec "Title"`.' : 'No specs match.');
  return 0;
}

/** A filter value that selects nothing because no spec can have it, with the values that exist. */
function badFilter(option: string, value: string, known: readonly string[], closedSet = false): SddError {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (closedSet) return new SddError('invalid_argument', `${option} "${shown}" is not a ${option.slice(2)}`, { fix: didYouMean(value.toLowerCase(), known) });
  if (known.length === 0) return new SddError('invalid_argument', `${option} "${shown}": no spec has a ${option.slice(2)}`, { fix: `Remove ${option}, or set \`${option.slice(2)}:\` in the specs' front matter.` });
  return new SddError('invalid_argument', `${option} "${shown}": no spec has that ${option.slice(2)}`, { fix: didYouMean(value.toLowerCase(), known) });
}
