import type { Spec } from './parse.js';

/** Dependency edges between specs, by id, in both directions. */
export interface SpecGraph {
  dependsOn: Map<string, string[]>;
  dependents: Map<string, string[]>;
}

export function buildGraph(specs: Array<Pick<Spec, 'id' | 'dependsOn'>>): SpecGraph {
  const dependsOn = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const s of specs) {
    dependsOn.set(s.id, [...s.dependsOn]);
    for (const d of s.dependsOn) {
      let list = dependents.get(d);
      if (!list) dependents.set(d, (list = []));
      list.push(s.id);
    }
  }
  for (const list of dependents.values()) list.sort();
  return { dependsOn, dependents };
}

/** Specs that depend on each other in cycles: one strongly connected component. */
export interface CycleGroup {
  /** Every spec that lies on a cycle with the others, sorted. */
  members: string[];
  /** One cycle, from the smallest member back to it, e.g. `['a', 'b', 'c', 'a']`. */
  path: string[];
}

// @sdd validation/VAL-005, dependency-graph/GRAPH-004
/**
 * One example cycle per strongly connected component with more than one node (or a self-loop),
 * as a path that starts at the component's smallest id and ends where it began.
 */
export function findCycles(graph: SpecGraph): string[][] {
  return findCycleGroups(graph).map((g) => g.path);
}

// @sdd validation/VAL-005, dependency-graph/GRAPH-004
/**
 * Every group of specs tied by cycles (strongly connected components with more than one node,
 * or a self-loop), each with all its members, not only those of one example cycle: in a group
 * of four tied by several cycles, all four are on a cycle. Iterative Tarjan, so deep graphs
 * cannot overflow; sorted by smallest member.
 */
export function findCycleGroups(graph: SpecGraph): CycleGroup[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  const nodes = [...graph.dependsOn.keys()].sort();
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = (graph.dependsOn.get(frame.node) ?? []).filter((n) => graph.dependsOn.has(n));
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== frame.node);
        const selfLoop = component.length === 1 && (graph.dependsOn.get(n) ?? []).includes(n);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components
    .map((c) => {
      const members = c.sort();
      return { members, path: cycleThrough(graph, new Set(members), members[0]) };
    })
    .sort((a, b) => (a.members[0] < b.members[0] ? -1 : 1));
}

/**
 * A shortest cycle through `start` inside the component `members` (BFS), from `start` back to
 * it, e.g. `['b', 'c', 'a', 'b']`.
 */
export function cycleThrough(graph: SpecGraph, members: ReadonlySet<string>, start: string): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const to of graph.dependsOn.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let n: string | undefined = node; n !== undefined && n !== start; n = prev.get(n)) path.splice(1, 0, n);
        return [...path, start];
      }
      if (!prev.has(to)) {
        prev.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** Ids reachable from `id` following `edges`, nearest first (breadth-first), excluding `id`. */
export function reachable(edges: Map<string, string[]>, id: string): string[] {
  const seen = new Set<string>([id]);
  const order: string[] = [];
  const queue = [id];
  for (let i = 0; i < queue.length; i++) {
    for (const to of edges.get(queue[i]) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      order.push(to);
      queue.push(to);
    }
  }
  return order;
}

/** One node reached by a walk, with its distance from the start and the node it was reached from. */
export interface Reached {
  id: string;
  depth: number;
  via: string;
}

// @sdd dependency-graph/GRAPH-001, dependency-graph/GRAPH-002
/** Breadth-first walk from `id` along `edges`, each node once (cycles end the walk), nearest first. */
export function walk(edges: Map<string, string[]>, id: string, maxDepth = Infinity): Reached[] {
  const seen = new Set<string>([id]);
  const out: Reached[] = [];
  let frontier = [id];
  for (let depth = 1; frontier.length && depth <= maxDepth; depth++) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const to of edges.get(from) ?? []) {
        if (seen.has(to)) continue;
        seen.add(to);
        out.push({ id: to, depth, via: from });
        next.push(to);
      }
    }
    frontier = next;
  }
  return out;
}

/** The graph from edge pairs (as stored in the index). */
export function graphFromEdges(ids: Iterable<string>, edges: Array<{ from: string; to: string }>): SpecGraph {
  const dependsOn = new Map<string, string[]>();
  for (const id of ids) dependsOn.set(id, []);
  for (const e of edges) {
    let list = dependsOn.get(e.from);
    if (!list) dependsOn.set(e.from, (list = []));
    list.push(e.to);
  }
  return buildGraph([...dependsOn].map(([id, deps]) => ({ id, dependsOn: deps })));
}
