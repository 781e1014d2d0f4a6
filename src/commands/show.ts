import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, style, writeJson } from '../output.js';
import { specDetailJson } from '../json-types.js';
import { headingParts } from '../core/spec/requirements.js';
import type { Env } from '../env.js';
import { specsById, allIds, directDependents, allSummaries } from '../cache/read.js';
import { specNotFound } from '../core/spec/lookup.js';

export interface ShowOptions {
  args: string[];
}

export function register(program: Command): void {
  program
    .command('show')
    .description('show one spec: metadata, requirements, dependencies and dependents')
    .argument('<id>', 'spec id')
    .addHelpText('after', examples(
      ['sdd show user-login', 'human-readable summary'],
      ['sdd show user-login --json', 'everything sdd knows about the spec, as JSON'],
    ))
    .action(action(run));
}

// @sdd browsing/BROWSE-003
export async function run(env: Env, options: ShowOptions): Promise<number> {
  const [id] = options.args;

  const { db } = await env.openCache();
  const [spec] = specsById(db, id);
  if (!spec) throw specNotFound(id, allIds(db));
  const dependents = directDependents(db, id);
  const related = new Set([...spec.dependsOn, ...dependents]);
  const byId = new Map(allSummaries(db).filter((s) => related.has(s.id)).map((s) => [s.id, s]));

  if (env.json) {
    writeJson(env, { spec: specDetailJson(spec, dependents) });
    return 0;
  }
  const p = await style(env);
  const out: string[] = [];
  out.push(`${p.bold(spec.id)}  ${spec.title}`);
  const meta: Array<[string, string | null]> = [
    ['status', spec.status], ['kind', spec.kind], ['phase', spec.phase === null ? null : String(spec.phase)], ['domain', spec.domain],
    ['owner', spec.owner], ['tags', spec.tags.join(', ') || null], ['reviewers', spec.reviewers.join(', ') || null],
    ['code', spec.code.join(', ') || null], ['created', spec.created], ['updated', spec.updated], ['file', spec.file], ['hash', spec.contentHash],
  ];
  for (const [k, v] of meta) if (v) out.push(`${p.dim(k.padEnd(10))}${v}`);
  for (const [k, v] of Object.entries(spec.extra)) out.push(`${p.dim(k.padEnd(10))}${typeof v === 'string' ? v : JSON.stringify(v)}`);

  out.push('', p.bold(`Requirements (${spec.requirements.length})`));
  if (spec.requirements.length === 0) out.push(p.dim('  none'));
  for (const r of spec.requirements) {
    // A heading requirement keeps its heading and its paragraph on separate lines, as written.
    const parts = spec.format === 'markdown' ? headingParts(spec.body, spec.bodyLine, r) : null;
    out.push(`  ${r.id.padEnd(10)} ${(r.keyword ?? '-').padEnd(10)} ${parts ? parts.heading : r.text}  ${p.dim(`:${r.line}`)}`);
    if (parts?.paragraph) out.push(`  ${' '.repeat(22)}${parts.paragraph}`);
  }

  const describe = (depId: string) => {
    const d = byId.get(depId);
    return d ? `  ${depId}  ${d.title}  ${p.dim(`[${d.status}]`)}` : `  ${depId}  ${p.red('(no such spec)')}`;
  };
  out.push('', p.bold(`Depends on (${spec.dependsOn.length})`), ...(spec.dependsOn.length ? spec.dependsOn.map(describe) : [p.dim('  none')]));
  out.push('', p.bold(`Dependents (${dependents.length})`), ...(dependents.length ? dependents.map(describe) : [p.dim('  none')]));
  env.stdout.write(out.join('\n') + '\n');
  return 0;
}
