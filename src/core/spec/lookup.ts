import { SddError } from '../shared/errors.js';
import type { Spec } from './parse.js';

/**
 * Edit distance, for "did you mean" hints; with `max`, any distance above it is reported as
 * `max + 1` as soon as it is certain, so a far-off candidate costs little.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
      if (prev[j] < rowMin) rowMin = prev[j];
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}

/** Longer input is no typo of a real name: suggestions for it are skipped (a 30 KB id is not compared with 100k ids). */
const MAX_SUGGESTION_INPUT = 200;

// @sdd browsing/BROWSE-004
/** Up to three known values close to `wanted`. */
export function closest(wanted: string, known: Iterable<string>): string[] {
  if (wanted.length === 0 || wanted.length > MAX_SUGGESTION_INPUT) return [];
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const found: Array<{ k: string; d: number }> = [];
  for (const k of known) {
    if (k.length > MAX_SUGGESTION_INPUT + limit) continue;
    const d = k.includes(wanted) || wanted.includes(k) ? 1 : editDistance(wanted, k, limit);
    if (d <= limit) found.push({ k, d });
  }
  return found
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.k);
}

export function specNotFound(id: string, known: Iterable<string>): SddError {
  const near = closest(id, known);
  const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
  return new SddError('spec_not_found', `No spec has the id "${shown}"`, {
    fix: near.length ? `Did you mean ${near.map((n) => `"${n}"`).join(' or ')}? Run \`sdd list\` to see every id.` : 'Run `sdd list` to see every id.',
  });
}

/** The one spec with `id`, or an error naming the closest ids or the files that share it. */
export function uniqueSpec(specs: Spec[], id: string): Spec {
  const matches = specs.filter((s) => s.id === id);
  if (matches.length === 0) throw specNotFound(id, specs.map((s) => s.id));
  if (matches.length > 1) {
    throw new SddError('duplicate_id', `The id "${id}" is used by ${matches.map((s) => s.file).join(' and ')}`, {
      target: { file: matches[1].file },
      fix: 'Give each spec its own id first (`sdd validate` reports it).',
    });
  }
  return matches[0];
}
