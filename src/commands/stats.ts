import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, style, table, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { STATUSES } from '../core/spec/fields.js';

export interface StatsOptions {
  args: string[];
  specs?: boolean;
}

export function register(program: Command): void {
  program
    .command('stats')
    .description('numbers: specs by status, and requirement coverage (implemented / tested / total) per domain and overall')
    .option('--specs', 'also one row per spec')
    .addHelpText('after', examples(
      ['sdd stats', 'specs by status, coverage per domain and overall'],
      ['sdd stats --specs', 'and per spec'],
      ['sdd stats --json', 'everything, per spec included'],
    ) + `
A requirement is implemented when code names it with an @sdd tag, and tested when a test does
(see \`sdd drift --help\`). Deprecated specs are counted by status but not in coverage.
`)
    .action(action(run));
}

// @sdd traceability/DRF-009
export async function run(env: Env, options: StatsOptions): Promise<number> {
  const { loadDriftState } = await import('../app/drift.js');
  const { specs, drift } = await loadDriftState(await env.openCache());
  const byStatus: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const s of specs) byStatus[s.status || '(none)'] = (byStatus[s.status || '(none)'] ?? 0) + 1;
  const domains = Object.entries(drift.coverage.domains).sort(([a], [b]) => a.localeCompare(b));
  const specsPerDomain = new Map<string, number>();
  for (const s of drift.specs) specsPerDomain.set(s.domain ?? '', (specsPerDomain.get(s.domain ?? '') ?? 0) + 1);
  if (env.json) {
    writeJson(env, {
      specs: specs.length, by_status: byStatus, coverage: drift.coverage.overall,
      domains: domains.map(([d, c]) => ({ domain: d || null, specs: specsPerDomain.get(d) ?? 0, ...c })),
      per_spec: drift.specs.map((s) => ({ id: s.id, domain: s.domain, status: s.status, ...s.coverage })),
    });
    return 0;
  }
  const p = await style(env);
  const { percent: pct } = await import('../core/drift/analyse.js');
  const cells = (c: { requirements: number; implemented: number; tested: number }) => [String(c.requirements), `${c.implemented} (${pct(c.implemented, c.requirements)})`, `${c.tested} (${pct(c.tested, c.requirements)})`];
  const statusText = Object.entries(byStatus).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ');
  const out = [`${p.bold('specs')} ${specs.length}${statusText ? `  (${statusText})` : ''}`, ''];
  const rows = [['domain', 'specs', 'requirements', 'implemented', 'tested']];
  for (const [d, c] of domains) rows.push([d || '(none)', String(specsPerDomain.get(d) ?? 0), ...cells(c)]);
  rows.push(['all', String(drift.specs.length), ...cells(drift.coverage.overall)]);
  out.push(table(rows).trimEnd());
  if (options.specs) {
    const specRows = [['spec', 'status', 'requirements', 'implemented', 'tested'], ...drift.specs.map((s) => [s.id, s.status, ...cells(s.coverage)])];
    out.push('', table(specRows).trimEnd());
  }
  env.stdout.write(out.join('\n') + '\n');
  return 0;
}
