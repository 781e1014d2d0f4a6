import { buildGraph, findCycles } from '../spec/graph.js';
import type { Rule } from './types.js';

// @sdd validation/VAL-005, dependency-graph/GRAPH-004
const rule: Rule = {
  id: 'dependency-cycle',
  name: 'DependencyCycle',
  description: 'Specs do not depend on each other in a cycle.',
  help: 'depends_on must form a directed acyclic graph: a cycle makes "what must be done first" unanswerable and impact analysis endless. The finding shows the whole cycle; remove one of its edges.',
  helpMarkdown: 'Invalid: `a` depends on `b` and `b` depends on `a`.\n\n```yaml\n# a.md\ndepends_on: [b]\n# b.md\ndepends_on: [a]\n```\n\nValid: remove one edge, or move the shared part into a third spec both depend on.\n\n```yaml\n# a.md\ndepends_on: [b]\n# b.md\ndepends_on: []\n```',
  defaultSeverity: 'error',
  tags: ['structure', 'graph'],
  precision: 'very-high',
  check(ctx) {
    const unique = [...ctx.byId.values()].map((list) => list[0]);
    for (const cycle of findCycles(buildGraph(unique))) {
      const spec = ctx.byId.get(cycle[0])![0];
      const pos = ctx.locate(spec, ['depends_on', Math.max(0, spec.dependsOn.indexOf(cycle[1]))]);
      ctx.report({
        spec, line: pos.line, column: pos.column, key: cycle.slice(0, -1).sort().join(','), message: `Dependency cycle: ${cycle.join(' → ')}`,
        fix: 'Remove one of the depends_on edges in the cycle; specs must form a directed acyclic graph.',
      });
    }
  },
};
export default rule;
