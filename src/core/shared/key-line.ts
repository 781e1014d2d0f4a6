/**
 * The 1-based line of a `key:` in YAML or pretty-printed JSON text (the key quoted or not),
 * searching from line `fromLine`; null when absent. `maxIndent` is how far the key may be
 * indented: 0 for top-level YAML keys, a few spaces for the keys of a JSON object. A quick look
 * for error targets, not a parse (a block scalar's text that looks like a key can match).
 */
export function lineOfKey(text: string, key: string, options: { fromLine?: number; maxIndent?: number } = {}): number | null {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^[ \\t]{0,${options.maxIndent ?? 0}}(["']?)${escaped}\\1\\s*:`);
  const lines = text.split('\n');
  for (let i = (options.fromLine ?? 1) - 1; i < lines.length; i++) if (pattern.test(lines[i])) return i + 1;
  return null;
}
