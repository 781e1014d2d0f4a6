import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node, type Pair } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

// @sdd validation/VAL-002
/**
 * Finds where a value lives in YAML source: `path` is a list of keys and indices, as in an ajv
 * `instancePath`. For a mapping key it returns the key's position; for a sequence item, the
 * item's. When the path goes deeper than the document, the deepest existing node is returned.
 * Lines are 1-based and relative to `text`.
 */
export class YamlLocator {
  private readonly counter = new LineCounter();
  private readonly root: Node | null;

  constructor(text: string) {
    // No duplicate-key scan: it is quadratic in a mapping's size, and finding a position needs
    // none (the loaders report duplicates). A document too deep for the parser has no positions.
    let root: Node | null = null;
    try {
      root = (parseDocument(text, { lineCounter: this.counter, keepSourceTokens: false, uniqueKeys: false }).contents as Node | null) ?? null;
    } catch {
      root = null;
    }
    this.root = root;
  }

  locate(path: Array<string | number>): Position {
    let node: Node | null = this.root;
    let best: number | undefined = node?.range?.[0];
    for (const segment of path) {
      if (node && isMap(node)) {
        const pair = (node.items as Pair[]).find((p) => isPair(p) && keyText(p.key) === String(segment));
        if (!pair) break;
        const key = pair.key as Node | null;
        best = key?.range?.[0] ?? best;
        node = (pair.value as Node | null) ?? null;
      } else if (node && isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        best = item.range?.[0] ?? best;
        node = item;
      } else {
        break;
      }
    }
    if (best === undefined) return { line: 1, column: 1 };
    const pos = this.counter.linePos(best);
    return { line: pos.line, column: pos.col };
  }

  /** The position of the top-level key `key`, or of the document start when it is absent. */
  locateKey(key: string): Position {
    return this.locate([key]);
  }
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}
