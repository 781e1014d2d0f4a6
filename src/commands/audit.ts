import path from 'node:path';
import type { Command } from 'commander';
import { action, commaList } from '../command.js';
import { examples, note, style, table, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { chooseFormat } from './shared/format.js';
import { openProject } from '../core/project/open.js';
import { SddError } from '../core/shared/errors.js';
import type { AuditEvent } from '../core/history/audit.js';
import { plural } from '../core/shared/plural.js';

interface FilterOptions {
  args: string[];
  actor?: string;
  action?: string[];
  resource?: string[];
  since?: string;
  until?: string;
}

interface ExportOptions extends FilterOptions {
  format?: string;
  output?: string;
}

export function register(program: Command): void {
  const audit = program
    .command('audit')
    .description('the audit log (spec changes from git history, joined with decisions) and decision-file integrity')
    .addHelpText('after', examples(
      ['sdd audit logs --resource token-refresh', "one spec's changes and decisions"],
      ['sdd audit export --format csv --output audit.csv', 'the log for a spreadsheet or an auditor'],
      ['sdd audit verify', 'every decision signed and untouched since its commit'],
    ));
  const withFilters = (c: Command) => c
    .option('--actor <email>', 'only what this person did')
    .option('--action <actions>', 'only these actions (comma-separated): spec.created, spec.updated, spec.deleted, spec.status_changed, review.requested, spec.approved, spec.rejected, code.accepted, status.forced', commaList)
    .option('--resource <ids>', 'only these spec ids (comma-separated)', commaList)
    .option('--since <date>', 'from this date or ISO time on')
    .option('--until <date>', 'up to this date (the whole day) or ISO time');
  withFilters(audit.command('logs').description('who changed, reviewed, approved or rejected which spec, when'))
    .addHelpText('after', examples(
      ['sdd audit logs', 'everything, oldest first'],
      ['sdd audit logs --actor bob@example.com --since 2024-05-01', "one person's actions since a date"],
      ['sdd audit logs --action spec.status_changed,spec.approved --json', 'status changes and approvals, as JSON'],
    ))
    .action(action(logs));
  withFilters(audit.command('export').description('the audit log as CSV (RFC 4180) or JSON, for other tools'))
    .option('--format <format>', 'csv or json (default: csv; json with --json)')
    .option('--output <file>', 'write to this file (atomically) instead of stdout')
    .addHelpText('after', examples(
      ['sdd audit export --format csv --output audit.csv', 'header row: time,actor,action,resource,commit,details'],
      ['sdd audit export --format json --since 2024-01-01', 'the same document as `sdd audit logs --json`'],
    ))
    .action(action(exportLog));
  audit.command('verify').description('check that every decision file verifies and was not edited or deleted after its commit')
    .addHelpText('after', examples(
      ['sdd audit verify', 'exit 0 when clean, 1 listing each offending file'],
      ['sdd audit verify --json', '{ok, checked, problems: [{file, problem, message}]}'],
    ))
    .action(action(verify));
}

async function filteredEvents(env: Env, o: FilterOptions): Promise<AuditEvent[]> {
  const { auditEvents, filterEvents } = await import('../core/history/audit.js');
  const filters = { actor: o.actor, actions: o.action, resources: o.resource, since: o.since, until: o.until };
  filterEvents([], filters); // rejects a bad filter before reading any history
  // Without readable history the log would silently drop every spec event.
  await env.git.requireHistory();
  return filterEvents(await auditEvents(openProject(env.cwd), env.git), filters);
}

async function logs(env: Env, o: FilterOptions): Promise<number> {
  const events = await filteredEvents(env, o);
  if (env.json) {
    writeJson(env, { events });
    return 0;
  }
  const p = await style(env);
  const rows = events.map((e) => [p.dim(e.time.replace(/\.\d+Z$/, 'Z')), e.actor, e.action, p.bold(e.resource), e.commit ? e.commit.slice(0, 7) : '-', summary(e)]);
  if (rows.length) env.stdout.write(table(rows));
  note(env, `${plural(events.length, 'event')}`);
  return 0;
}

function summary(e: AuditEvent): string {
  const d = e.details;
  switch (e.action) {
    case 'spec.status_changed': return `${d.from} → ${d.to}${d.reason ? `: ${String(d.reason)}` : ''}`;
    case 'spec.updated': return [d.renamed_from ? `renamed from ${String(d.renamed_from)}` : '', (d.fields as string[]).join(', ')].filter(Boolean).join('; ');
    case 'review.requested': return (d.reviewers as string[]).join(', ');
    case 'spec.approved': case 'spec.rejected': case 'code.accepted': case 'status.forced': return d.reason ? String(d.reason) : '';
    default: return String(d.file);
  }
}

// @sdd audit-trail/AUD-004
async function exportLog(env: Env, o: ExportOptions): Promise<number> {
  if (o.format !== undefined && o.format !== 'csv' && o.format !== 'json') throw new SddError('invalid_argument', `Unknown format "${o.format}"`, { fix: 'Use --format csv or --format json.' });
  const format = chooseFormat(env, o.format, 'csv', o.output);
  const events = await filteredEvents(env, o);
  const { toCsv } = await import('../core/history/audit.js');
  const text = format === 'csv' ? toCsv(events) : JSON.stringify({ version: 1, events }, null, 2) + '\n';
  if (!o.output) {
    env.stdout.write(text);
    return 0;
  }
  const { replaceFileAtomic } = await import('../core/shared/fs-atomic.js');
  try {
    replaceFileAtomic(path.resolve(env.cwd, o.output), text);
  } catch (err) {
    throw new SddError('output_failed', `Cannot write the export: ${(err as Error).message}`, { target: { file: o.output }, fix: 'Pass --output a file path in a writable folder.', cause: err });
  }
  if (env.json) writeJson(env, { ok: true, output: o.output, format, events: events.length });
  else note(env, `Wrote ${plural(events.length, 'event')} to ${o.output} (${format})`);
  return 0;
}

// @sdd audit-trail/AUD-005
async function verify(env: Env): Promise<number> {
  // "Unchanged since committed" is a claim about history: never made without it.
  await env.git.requireHistory();
  const history = (await env.git.access()) !== null;
  const cache = await env.openCache();
  const { project } = cache;
  const specs = cache.specs();
  const { loadGovernance } = await import('../core/governance/index.js');
  const { integrityProblems } = await import('../core/history/audit.js');
  const gov = await cache.withVerifications((verified) => loadGovernance(project.paths, project.config, specs, { verified, git: env.git }));
  const problems = integrityProblems(gov);
  const code = problems.length ? 1 : 0;
  if (env.json) {
    writeJson(env, { ok: problems.length === 0, checked: gov.entries.length, ...(history ? {} : { history: false }), problems });
    return code;
  }
  const p = await style(env);
  for (const pr of problems) {
    env.stdout.write(`${pr.file}${pr.line ? `:${pr.line}` : ''}  ${p.red(pr.problem)}  ${pr.message}\n  ${p.dim(`fix: ${pr.fix}`)}\n`);
  }
  const files = new Set(problems.map((pr) => pr.file)).size;
  env.stdout.write(problems.length
    ? p.red(`✖ ${plural(problems.length, 'problem')} in ${plural(files, 'decision file')} (${gov.entries.length} checked)\n`)
    : p.green(`✔ ${plural(gov.entries.length, 'decision file')} verified${history ? ' and unchanged since committed' : ' (not in a git repository, so edits after a commit cannot be checked)'}\n`));
  return code;
}
