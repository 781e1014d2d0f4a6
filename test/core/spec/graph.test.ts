import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, findCycles, reachable } from '../../../src/core/spec/graph.js';

/** A graph from `{id: [deps]}`. */
function graph(edges: Record<string, string[]>) {
  return buildGraph(Object.entries(edges).map(([id, dependsOn]) => ({ id, dependsOn })));
}

/** True when `cycle` is a closed walk along real edges that visits each node once. */
function isCycleIn(edges: Record<string, string[]>, cycle: string[]): boolean {
  if (cycle.length < 2 || cycle[0] !== cycle[cycle.length - 1]) return false;
  const inner = cycle.slice(0, -1);
  if (new Set(inner).size !== inner.length) return false;
  return cycle.slice(1).every((to, i) => (edges[cycle[i]] ?? []).includes(to));
}

describe('buildGraph', () => {
  it('records edges both ways, dependents sorted', () => {
    const g = graph({ c: ['a'], b: ['a'], a: [] });
    assert.deepEqual(g.dependsOn.get('c'), ['a']);
    assert.deepEqual(g.dependents.get('a'), ['b', 'c']);
    assert.equal(g.dependents.get('b'), undefined);
  });
});

// @sdd validation/VAL-005, dependency-graph/GRAPH-004
describe('findCycles', () => {
  const cases: Array<{ name: string; edges: Record<string, string[]>; expected: string[][] }> = [
    { name: 'no edges', edges: { a: [], b: [] }, expected: [] },
    { name: 'a chain', edges: { a: ['b'], b: ['c'], c: [] }, expected: [] },
    { name: 'a diamond', edges: { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, expected: [] },
    { name: 'two nodes', edges: { a: ['b'], b: ['a'] }, expected: [['a', 'b', 'a']] },
    { name: 'three nodes declared in reverse order', edges: { c: ['a'], a: ['b'], b: ['c'] }, expected: [['a', 'b', 'c', 'a']] },
    { name: 'a self-loop', edges: { a: ['a'], b: [] }, expected: [['a', 'a']] },
    { name: 'two separate cycles, sorted by first id', edges: { x: ['y'], y: ['x'], a: ['b'], b: ['a'], m: ['a'] }, expected: [['a', 'b', 'a'], ['x', 'y', 'x']] },
    { name: 'edges to unknown ids', edges: { a: ['ghost'], b: ['a'] }, expected: [] },
  ];
  for (const c of cases) {
    it(`finds ${JSON.stringify(c.expected)} in ${c.name}`, () => {
      assert.deepEqual(findCycles(graph(c.edges)), c.expected);
    });
  }

  it('reports one real cycle per strongly connected component', () => {
    // One component {a, b, c, d} with several elementary cycles.
    const edges = { a: ['b', 'd'], b: ['c'], c: ['a', 'd'], d: ['b'] };
    const cycles = findCycles(graph(edges));
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0][0], 'a');
    assert.ok(isCycleIn(edges, cycles[0]), JSON.stringify(cycles[0]));
  });

  it('returns the shortest cycle through the smallest id', () => {
    const edges = { a: ['b', 'e'], b: ['c'], c: ['d'], d: ['a'], e: ['a'] };
    assert.deepEqual(findCycles(graph(edges)), [['a', 'e', 'a']]);
  });

  it('handles a long chain ending in a cycle without overflowing the stack', () => {
    const n = 20000;
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < n; i++) edges[`s${String(i).padStart(6, '0')}`] = [`s${String(i + 1).padStart(6, '0')}`];
    edges[`s${String(n).padStart(6, '0')}`] = ['s000000'];
    const cycles = findCycles(graph(edges));
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0].length, n + 2);
    assert.ok(isCycleIn(edges, cycles[0]));
  });
});

// @sdd dependency-graph/GRAPH-002
describe('reachable', () => {
  const edges = new Map<string, string[]>([
    ['a', ['b', 'c']],
    ['b', ['d']],
    ['c', ['d', 'a']],
    ['d', []],
  ]);

  it('lists every id reachable, nearest first, without the start', () => {
    assert.deepEqual(reachable(edges, 'a'), ['b', 'c', 'd']);
    assert.deepEqual(reachable(edges, 'b'), ['d']);
  });

  it('terminates on cycles and excludes the start even when it is on one', () => {
    assert.deepEqual(reachable(edges, 'c'), ['d', 'a', 'b']);
  });

  it('is empty for a leaf or an unknown id', () => {
    assert.deepEqual(reachable(edges, 'd'), []);
    assert.deepEqual(reachable(edges, 'nope'), []);
  });
});
