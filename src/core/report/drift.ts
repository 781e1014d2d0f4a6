import { percent as pct, sumCoverage as sum, type Coverage, type DriftReport, type SpecDrift, type TagProblem } from '../drift/analyse.js';
import type { Paint } from './text.js';
import { plural } from '../shared/plural.js';

const ratio = (n: number, of: number) => `${n}/${of}`;
const where = (t: TagProblem) => `${t.ref.file}:${t.ref.line}:${t.ref.column}`;

/** `impl 4/4  test 3/4` */
export function coverageText(c: Coverage): string {
  return `impl ${ratio(c.implemented, c.requirements)}  test ${ratio(c.tested, c.requirements)}`;
}

/** Overall numbers: `requirements 12: implemented 10 (83%), tested 7 (58%)`. */
export function coverageSummary(c: Coverage): string {
  return `requirements ${c.requirements}: implemented ${c.implemented} (${pct(c.implemented, c.requirements)}), tested ${c.tested} (${pct(c.tested, c.requirements)})`;
}

// @sdd traceability/DRF-004
/**
 * `sdd drift` as text: one line per spec (`id  status  ok|problems  impl n/m  test n/m`), the
 * details of every problem indented under it, tags that name no spec, then totals.
 */
export function formatDriftText(report: DriftReport, specs: SpecDrift[], paint: Paint): string {
  const idWidth = Math.max(2, ...specs.map((s) => s.id.length));
  const statusWidth = Math.max(6, ...specs.map((s) => s.status.length));
  const stateWidth = Math.max(2, ...specs.map((s) => stateOf(s).length));
  const out: string[] = [];
  for (const s of specs) {
    const state = stateOf(s);
    const painted = s.problems.length ? paint.yellow(state.padEnd(stateWidth)) : paint.green(state.padEnd(stateWidth));
    out.push(`${paint.bold(s.id.padEnd(idWidth))}  ${s.status.padEnd(statusWidth)}  ${painted}  ${coverageText(s.coverage)}`);
    for (const line of details(s)) out.push(`  ${line}`);
  }
  const shown = new Set(specs.map((s) => s.id));
  const loose = report.tags.filter((t) => t.spec === null || !shown.has(t.spec));
  if (loose.length && specs.length === report.specs.length) {
    out.push(paint.bold('tags naming no current spec (unknown or deprecated):'));
    for (const t of loose) out.push(`  ${where(t)}  ${t.kind}: ${t.message}`);
  }
  const withDrift = specs.filter((s) => s.problems.length).length;
  const total = sum(specs.map((s) => s.coverage));
  const parts = [`${plural(specs.length, 'spec')}: ${specs.length - withDrift} ok, ${withDrift} with drift`];
  if (loose.length && specs.length === report.specs.length) parts.push(`${plural(loose.length, 'tag')} naming no current spec`);
  parts.push(coverageSummary(total));
  if (!report.git) parts.push('code drift not checked (not a git work tree)');
  if (out.length) out.push('');
  out.push(parts.join(' · '));
  return out.join('\n') + '\n';
}

/** `ok`, or the spec's problems joined by commas. */
export function stateOf(s: SpecDrift): string {
  return s.problems.length ? s.problems.join(',') : 'ok';
}

function details(s: SpecDrift): string[] {
  const lines: string[] = [];
  for (const r of s.requirements) {
    if (r.status === 'uncovered') lines.push(`${r.id}  uncovered: no code is tagged @sdd ${s.id}/${r.id}`);
    if (r.status === 'untested') lines.push(`${r.id}  untested: implemented, but no test names it`);
  }
  if (s.codeDrift && s.codeDrift.changed.length) {
    const d = s.codeDrift;
    const files = d.changed.slice(0, 5).join(', ') + (d.changed.length > 5 ? ` and ${d.changed.length - 5} more` : '');
    lines.push(d.reason
      ? `code-drift: cannot compare with the ${d.anchor.kind}, because ${d.reason}: ${files}`
      : `code-drift: changed since the ${d.anchor.kind} at ${d.anchor.commit!.slice(0, 7)}: ${files}`);
  }
  if (s.suspect.length) lines.push(`suspect: ${s.suspect.join(', ')} changed since the ${s.anchor!.kind}`);
  for (const t of s.tags) lines.push(`${where(t)}  ${t.kind}: ${t.message}`);
  return lines;
}

/** The stable JSON of one spec's drift (snake_case, like the spec format). */
export function specDriftJson(s: SpecDrift) {
  return {
    id: s.id, file: s.file, status: s.status, domain: s.domain, state: s.problems.length ? 'drift' : 'ok', problems: s.problems,
    coverage: s.coverage,
    requirements: s.requirements.map((r) => ({ id: r.id, line: r.line, status: r.status, impl: r.impl, test: r.test, changed: r.changed })),
    spec_refs: s.specRefs,
    governed_files: s.governed,
    baseline: s.anchor && { kind: s.anchor.kind, file: s.anchor.file, timestamp: s.anchor.timestamp, commit: s.anchor.commit, principal: s.anchor.principal },
    code_drift: s.codeDrift && { changed: s.codeDrift.changed, reason: s.codeDrift.reason },
    suspect: s.suspect,
    tags: s.tags.map(tagJson),
  };
}

export function tagJson(t: TagProblem) {
  return { kind: t.kind, file: t.ref.file, line: t.ref.line, column: t.ref.column, spec: t.ref.spec, requirement: t.ref.requirement, pin: t.ref.pin, role: t.ref.role, message: t.message };
}
