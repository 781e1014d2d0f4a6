import type { Command } from 'commander';
import { action, commaList } from '../command.js';
import { examples, writeJson } from '../output.js';
import { writeSpecTable } from '../ui/spec-table.js';
import { specSummaryJson } from '../json-types.js';
import type { Env } from '../env.js';
import { countQuery, filterQuery, runQuery } from '../cache/query.js';

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
  const query = filterQuery({ status: options.status, domain: options.domain, phase: options.phase });
  if (options.count) {
    const { answer: count } = await env.openCache({ read: (db) => countQuery(db, query) });
    if (env.json) writeJson(env, { count });
    else env.stdout.write(`${count}\n`);
    return 0;
  }
  const { answer: specs } = await env.openCache({ read: (db) => runQuery(db, query, { sort: options.sort }) });

  if (env.json) {
    writeJson(env, { count: specs.length, specs: specs.map(specSummaryJson) });
    return 0;
  }
  const unfiltered = !options.status?.length && !options.domain?.length && !options.phase?.length;
  // With no filter, an empty list means an empty project: say how to start one.
  await writeSpecTable(env, specs, unfiltered ? 'No specs yet. Create the first with `sdd new spec "Title"`.' : 'No specs match.');
  return 0;
}
