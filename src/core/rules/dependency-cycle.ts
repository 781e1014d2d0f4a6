import { buildGraph, cycleThrough, findCycleGroups } from '../spec/graph.js';
import type { Rule } from './types.js';

/** Groups up to this size get a cycle through each member in its finding. */
const MAX_OWN_CYCLES = 500;

// @sdd validation/VAL-005, dependency-graph/GRAPH-004
const rule: Rule = {
  id: 'dependency-cycle',
  name: 'DependencyCycle',
  description: 'Specs do not depend on each other in a cycle.',
  help: 'depends_on must form a directed acyclic graph: a cycle makes "what must be done first" unanswerable and impact analysis endless. Every spec on a cycle gets a finding with one cycle through it, and names the whole group of specs tied by cycles; remove edges until none is left.',
  helpMarkdown: 'Invalid: `a` depends on `b` and `b` depends on `a`.\n\n```yaml\n# a.md\ndepends_on: [b]\n# b.md\ndepends_on: [a]\n```\n\nValid: remove one edge, or move the shared part into a third spec both depend on.\n\n```yaml\n# a.md\ndepends_on: [b]\n# b.md\ndepends_on: []\n```',
  defaultSeverity: 'error',
  tags: ['structure', 'graph'],
  precision: 'very-high',
  check(ctx) {
    const unique = [...ctx.byId.values()].map((list) => list[0]);
    const graph = buildGraph(unique);
    for (const group of findCycleGroups(graph)) {
      const members = new Set(group.members);
      // A cycle through each member costs a search of the group; past this size one example serves all.
      const ownCycles = group.members.length <= MAX_OWN_CYCLES;
      const shown = group.members.length > 20 ? `${group.members.slice(0, 20).join(', ')}, …` : group.members.join(', ');
      for (const id of group.members) {
        const spec = ctx.byId.get(id)![0];
        const cycle = ownCycles ? cycleThrough(graph, members, id) : group.path;
        const next = cycle[cycle.indexOf(id) + 1] ?? cycle[1];
        const pos = ctx.locate(spec, ['depends_on', Math.max(0, spec.dependsOn.indexOf(next))]);
        const inGroup = group.members.length > cycle.length - 1 ? ` (${id} is one of ${group.members.length} specs tied by cycles: ${shown})` : '';
        ctx.report({
          spec, line: pos.line, column: pos.column, key: `${group.members.join(',')}#${id}`, message: `Dependency cycle: ${cycle.join(' → ')}${inGroup}`,
          fix: 'Remove one of the depends_on edges in the cycle; specs must form a directed acyclic graph.',
        });
      }
    }
  },
};
export default rule;
