import { headings, type Heading } from '../spec/markdown.js';
import type { Spec } from '../spec/parse.js';

const cache = new WeakMap<Spec, Heading[]>();

/** Headings compare trimmed, inner whitespace collapsed, lower-cased. */
function normalise(heading: string): string {
  return heading.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A spec's headings with normalised text, computed once per spec (policies ask repeatedly). */
function normalisedHeadings(spec: Spec): Heading[] {
  let found = cache.get(spec);
  if (!found) cache.set(spec, (found = headings(spec).map((h) => ({ ...h, text: normalise(h.text) }))));
  return found;
}

/** The line of the first heading of level 2 or deeper whose text is `text` (case-insensitive), or null. */
export function findHeading(spec: Spec, text: string): number | null {
  const wanted = normalise(text);
  return normalisedHeadings(spec).find((h) => h.level >= 2 && h.text === wanted)?.line ?? null;
}

/** The line of the spec's `# Title` heading, or 1 when it has none. */
export function titleLine(spec: Spec): number {
  return normalisedHeadings(spec).find((h) => h.level === 1)?.line ?? 1;
}
