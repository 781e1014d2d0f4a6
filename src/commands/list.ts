import type { Command } from 'commander';
import { action, commaList } from '../command.js';
import { examples, style, table, writeJson } from '../output.js';
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
  const rows = specs.map((s) => [s.id, s.status, s.phase === null ? '' : String(s.phase), s.domain ?? '', s.title]);
  if (!env.isTTY) {
    env.stdout.write(rows.map((r) => r.join('\t')).join('\n') + (rows.length ? '\n' : ''));
    return 0;
  }
  const paint = await style(env);
  if (rows.length === 0) {
    env.stdout.write(paint.dim('No specs match.') + '\n');
    return 0;
  }
  const [header, ...lines] = table([['ID', 'STATUS', 'PHASE', 'DOMAIN', 'TITLE'], ...rows]).split('\n');
  env.stdout.write(paint.bold(header) + '\n' + lines.join('\n'));
  return 0;
}
