/** A node to draw: its id, and a label and status when the spec exists (missing: dangling id). */
export interface GraphNode {
  id: string;
  title?: string;
  status?: string;
  /** The spec lies on a dependency cycle. */
  onCycle?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
}

function mermaidId(id: string): string {
  return 'n_' + id.replace(/[^A-Za-z0-9_]/g, '_');
}

function mermaidLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}

// @sdd dependency-graph/GRAPH-003
/** Mermaid flowchart: an arrow from a spec to each spec it depends on; missing specs dashed. */
export function toMermaid(nodes: GraphNode[], edges: GraphEdge[]): string {
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const label = n.title === undefined ? `${n.id} (missing)` : `${n.id}: ${n.title}`;
    lines.push(`  ${mermaidId(n.id)}["${mermaidLabel(label)}"]`);
  }
  for (const e of edges) lines.push(`  ${mermaidId(e.from)} --> ${mermaidId(e.to)}`);
  const missing = nodes.filter((n) => n.title === undefined);
  if (missing.length) {
    lines.push('  classDef missing stroke-dasharray: 5 5');
    lines.push(`  class ${missing.map((n) => mermaidId(n.id)).join(',')} missing`);
  }
  const cyclic = nodes.filter((n) => n.onCycle);
  if (cyclic.length) {
    lines.push('  classDef cycle stroke:#d00,stroke-width:2px');
    lines.push(`  class ${cyclic.map((n) => mermaidId(n.id)).join(',')} cycle`);
  }
  return lines.join('\n') + '\n';
}

function dotEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ');
}

function dotString(s: string): string {
  return `"${dotEscape(s)}"`;
}

// @sdd dependency-graph/GRAPH-003
/** Graphviz DOT digraph with the same shape as toMermaid. */
export function toDot(nodes: GraphNode[], edges: GraphEdge[]): string {
  const lines = ['digraph sdd {', '  rankdir=LR;', '  node [shape=box];'];
  for (const n of nodes) {
    // `\n` inside a DOT string is a line break in the drawn label.
    const label = `${dotEscape(n.id)}\\n${n.title === undefined ? '(missing)' : dotEscape(n.title)}`;
    lines.push(`  ${dotString(n.id)} [label="${label}"${n.title === undefined ? ', style=dashed' : ''}${n.onCycle ? ', color=red' : ''}];`);
  }
  for (const e of edges) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
