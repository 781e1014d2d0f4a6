import type { Spec } from '../spec.js';

interface Heading {
  level: number;
  /** Trimmed, inner whitespace collapsed, lower-cased: the form `section:` compares. */
  text: string;
  /** 1-based line in the spec file. */
  line: number;
}

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

const cache = new WeakMap<Spec, Heading[]>();

/** The ATX headings (`## Security`) of a spec's body, skipping fenced code blocks. */
function headings(spec: Spec): Heading[] {
  let found = cache.get(spec);
  if (found) return found;
  found = [];
  let fence: string | null = null;
  const lines = spec.body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fenceMatch = FENCE_RE.exec(lines[i]);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const m = ATX_RE.exec(lines[i]);
    if (m) found.push({ level: m[1].length, text: normalise(m[2] ?? ''), line: spec.bodyLine + i });
  }
  cache.set(spec, found);
  return found;
}

function normalise(heading: string): string {
  return heading.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The line of the first heading of level 2 or deeper whose text is `text` (case-insensitive), or null. */
export function findHeading(spec: Spec, text: string): number | null {
  const wanted = normalise(text);
  return headings(spec).find((h) => h.level >= 2 && h.text === wanted)?.line ?? null;
}

/** The line of the spec's `# Title` heading, or 1 when it has none. */
export function titleLine(spec: Spec): number {
  return headings(spec).find((h) => h.level === 1)?.line ?? 1;
}
