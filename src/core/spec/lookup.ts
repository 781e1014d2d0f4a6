import { SddError } from '../shared/errors.js';
import type { Spec } from './parse.js';

/** Edit distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

// @sdd browsing/BROWSE-004
/** Up to three known values close to `wanted`. */
export function closest(wanted: string, known: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return [...known]
    .map((k) => ({ k, d: k.includes(wanted) || wanted.includes(k) ? 1 : editDistance(wanted, k) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.k);
}

export function specNotFound(id: string, known: Iterable<string>): SddError {
  const near = closest(id, known);
  return new SddError('spec_not_found', `No spec has the id "${id}"`, {
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
