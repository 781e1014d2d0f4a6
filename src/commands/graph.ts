import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import { SddError } from '../core/shared/errors.js';
import { allSummaries, dependencyEdges } from '../cache/read.js';
import { findCycleGroups, graphFromEdges, walk } from '../core/spec/graph.js';
import { toDot, toMermaid, type GraphNode } from '../core/report/graph.js';
import { specNotFound } from '../core/spec/lookup.js';
import type { Env } from '../env.js';
import { chooseFormat } from './shared/format.js';

export interface GraphOptions {
  args: string[];
  format?: string;
  root?: string;
}

export function register(program: Command): void {
  program
    .command('graph')
    .description('print the dependency graph as Mermaid, Graphviz DOT or JSON')
    .option('--format <format>', 'mermaid, dot or json (default: mermaid; json with --json)')
    .option('--root <id>', 'only this spec, what it depends on and what depends on it (transitively)')
    .addHelpText('after', examples(
      ['sdd graph > deps.mmd', 'Mermaid flowchart of every spec'],
      ['sdd graph --format dot --root user-login | dot -Tsvg > g.svg', 'Graphviz, around one spec'],
      ['sdd graph --format json', 'nodes and edges'],
    ) + '\nArrows point from a spec to what it depends on; ids that name no spec are drawn dashed, specs on a\ndependency cycle in red (each group of them is also named on stderr, and under "cycles" in JSON).\n')
    .action(action(run));
}

// @sdd dependency-graph/GRAPH-003
export async function run(env: Env, options: GraphOptions): Promise<number> {
  if (options.format !== undefined && !['mermaid', 'dot', 'json'].includes(options.format)) {
    throw new SddError('invalid_argument', `Unknown graph format "${options.format}"`, { fix: 'Use --format mermaid, dot or json.' });
  }
  const format = chooseFormat(env, options.format, 'mermaid');
  const { db } = await env.openCache();
  const specs = new Map(allSummaries(db).map((s) => [s.id, s]));
  const allEdges = dependencyEdges(db);
  let keep: Set<string>;
  const graph = graphFromEdges(specs.keys(), allEdges);
  if (options.root !== undefined) {
    if (!specs.has(options.root)) throw specNotFound(options.root, specs.keys());
    keep = new Set([options.root, ...walk(graph.dependsOn, options.root).map((r) => r.id), ...walk(graph.dependents, options.root).map((r) => r.id)]);
  } else {
    keep = new Set([...specs.keys(), ...allEdges.map((e) => e.to)]);
  }
  const edges = allEdges.filter((e) => keep.has(e.from) && keep.has(e.to));
  // A group of specs tied by cycles is drawn and listed whole: every member, one example cycle.
  const cycles = findCycleGroups(graph).filter((g) => g.members.some((id) => keep.has(id)));
  const onCycle = new Set(cycles.flatMap((g) => g.members));
  const nodes: GraphNode[] = [...keep].sort().map((id) => {
    const s = specs.get(id);
    return { id, ...(s ? { title: s.title, status: s.status } : {}), ...(onCycle.has(id) ? { onCycle: true } : {}) };
  });
  if (format === 'json') {
    writeJson(env, {
      root: options.root ?? null, nodes: nodes.map((n) => ({ id: n.id, title: n.title ?? null, status: n.status ?? null, missing: n.title === undefined, on_cycle: onCycle.has(n.id) })), edges,
      cycles: cycles.map((g) => ({ specs: g.members, path: g.path })),
    });
  } else {
    env.stdout.write(format === 'dot' ? toDot(nodes, edges) : toMermaid(nodes, edges));
  }
  for (const g of cycles) note(env, `warning: ${g.members.length} spec${g.members.length === 1 ? ' depends on itself' : 's depend on each other in cycles'}: ${g.members.join(', ')} (e.g. ${g.path.join(' → ')})`);
  return 0;
}
