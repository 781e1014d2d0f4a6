import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, style, table, writeJson } from '../output.js';
import { allSummaries, dependencyEdges } from '../cache/read.js';
import { graphFromEdges, walk } from '../core/spec/graph.js';
import { specNotFound } from '../core/spec/lookup.js';
import type { Env } from '../env.js';

export interface WalkOptions {
  args: string[];
  all?: boolean;
}

export function register(program: Command): void {
  program
    .command('deps')
    .description('what a spec depends on: direct dependencies, or all of them with --all')
    .argument('<id>', 'spec id')
    .option('--all', 'follow depends_on transitively')
    .addHelpText('after', examples(
      ['sdd deps token-refresh', 'the specs token-refresh lists in depends_on'],
      ['sdd deps token-refresh --all', 'and everything those depend on, nearest first'],
      ['sdd deps token-refresh --all --json', 'with depth and the spec each was reached from'],
    ))
    .action(action((env, options: WalkOptions) => runWalk(env, options, 'dependencies')));
}

// @sdd dependency-graph/GRAPH-001, dependency-graph/GRAPH-002
/** Shared by `deps` and `impact`: a breadth-first walk over the dependency graph in one direction. */
export async function runWalk(env: Env, options: WalkOptions, direction: 'dependencies' | 'dependents'): Promise<number> {
  const [id] = options.args;
  const { db } = await env.openCache();
  const specs = new Map(allSummaries(db).map((s) => [s.id, s]));
  if (!specs.has(id)) throw specNotFound(id, specs.keys());
  const graph = graphFromEdges(specs.keys(), dependencyEdges(db));
  const reached = walk(direction === 'dependencies' ? graph.dependsOn : graph.dependents, id, direction === 'dependencies' && !options.all ? 1 : Infinity);

  if (env.json) {
    writeJson(env, {
      id,
      direction,
      transitive: direction === 'dependents' || Boolean(options.all),
      [direction]: reached.map((r) => {
        const s = specs.get(r.id);
        return { id: r.id, depth: r.depth, via: r.via, title: s?.title ?? null, status: s?.status ?? null, missing: !s };
      }),
    });
    return 0;
  }
  // In a pipe: one tab-separated row per spec, no header and no decoration, for cut/awk.
  if (!env.isTTY) {
    env.stdout.write(reached.map((r) => {
      const s = specs.get(r.id);
      return [r.id, String(r.depth), r.via ?? '', s?.title ?? '', s?.status ?? 'missing'].join('\t') + '\n';
    }).join(''));
    if (reached.length === 0) note(env, direction === 'dependencies' ? `${id} depends on nothing.` : `Nothing depends on ${id}.`);
    return 0;
  }
  const paint = await style(env);
  if (reached.length === 0) {
    env.stdout.write(paint.dim(direction === 'dependencies' ? `${id} depends on nothing.` : `Nothing depends on ${id}.`) + '\n');
    return 0;
  }
  // On a terminal: aligned columns, the id indented by its depth so the tree stays visible.
  const rows = [[paint.bold('ID'), paint.bold('STATUS'), paint.bold('TITLE')]];
  for (const r of reached) {
    const s = specs.get(r.id);
    rows.push([`${'  '.repeat(r.depth - 1)}${r.id}`, s ? paint.dim(s.status) : paint.red('missing'), s ? s.title : paint.red('(no such spec)')]);
  }
  env.stdout.write(table(rows));
  return 0;
}
