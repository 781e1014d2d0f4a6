import { SddError } from '../shared/errors.js';
import type { Spec } from './parse.js';

/**
 * Edit distance, for "did you mean" hints; with `max`, only a band of width 2·max+1 is computed
 * and any distance above `max` is reported as `max + 1`, as soon as it is certain.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const big = Number.isFinite(max) ? max + 1 : Infinity;
  const width = Number.isFinite(max) ? max : Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => (j <= width ? j : big));
  let cur = new Array<number>(b.length + 1).fill(big);
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - width);
    const hi = Math.min(b.length, i + width);
    cur[0] = i <= width ? i : big;
    cur[lo - 1] = lo === 1 ? cur[0] : big;
    let rowMin = cur[lo - 1];
    for (let j = lo; j <= hi; j++) {
      const d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur[j] = d > big ? big : d;
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (hi < b.length) cur[hi + 1] = big;
    if (rowMin > max) return big;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Longer input is no typo of a real name: suggestions for it are skipped (a 30 KB id is not compared with 100k ids). */
const MAX_SUGGESTION_INPUT = 200;
/** Table cells one suggestion may compute (a fraction of a second), however many names there are. */
const SUGGESTION_BUDGET = 50_000_000;

// @sdd browsing/BROWSE-004
/** Up to three known values close to `wanted`; the search stops at a fixed amount of work. */
export function closest(wanted: string, known: Iterable<string>): string[] {
  if (wanted.length === 0 || wanted.length > MAX_SUGGESTION_INPUT) return [];
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const cost = wanted.length * (2 * limit + 1);
  let budget = SUGGESTION_BUDGET;
  const found: Array<{ k: string; d: number }> = [];
  for (const k of known) {
    if (Math.abs(k.length - wanted.length) > limit && !k.includes(wanted) && !wanted.includes(k)) continue;
    if ((budget -= cost) < 0) break;
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
