import { isDeepStrictEqual } from 'node:util';

/** Stands for "this side has no such key" (distinct from a key whose value is null). */
export const ABSENT: unique symbol = Symbol('absent');

/** One element of a merged list: the item at `index` of ours' or theirs' list. */
export interface ItemRef {
  side: 'ours' | 'theirs';
  index: number;
  /** For theirs' edit of an item ours also has (matched by `id`): the index of ours' old version. */
  replaces?: number;
}

/** What the merge of one front-matter key comes to. */
export type KeyDecision =
  /** Keep ours: both sides agree, or only ours changed it. */
  | { kind: 'ours' }
  /** Take theirs (a deletion when theirs is ABSENT): only theirs changed it. */
  | { kind: 'theirs' }
  /** Both changed a list: the merged list, item by item. */
  | { kind: 'list'; items: ItemRef[] }
  /** Both changed a multi-line string: merge its lines (the caller runs the line merge). */
  | { kind: 'lines' }
  | { kind: 'conflict' };

const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);

// @sdd merge-driver/MRG-002
/**
 * The three-way decision for one key from its value in base, ours and theirs (ABSENT where the
 * key is missing). A change on one side wins; equal changes agree; lists changed on both sides
 * merge as sets; anything else changed differently on both sides is a conflict.
 */
export function decideKey(base: unknown, ours: unknown, theirs: unknown): KeyDecision {
  if (same(ours, theirs) || same(base, theirs)) return { kind: 'ours' };
  if (same(base, ours)) return { kind: 'theirs' };
  if (Array.isArray(ours) && Array.isArray(theirs) && (base === ABSENT || Array.isArray(base))) {
    const items = mergeList(base === ABSENT ? [] : (base as unknown[]), ours, theirs);
    if (items) return { kind: 'list', items };
  }
  if (typeof base === 'string' && typeof ours === 'string' && typeof theirs === 'string' && [base, ours, theirs].some((s) => s.includes('\n'))) {
    return { kind: 'lines' };
  }
  return { kind: 'conflict' };
}

// @sdd merge-driver/MRG-003
/**
 * Merges three versions of a list as a set: ours' items in ours' order, then the items theirs
 * added, in theirs' order; an item removed on either side (and unchanged on the other) is gone.
 * Items are matched by value, or by `id` when they are mappings with a scalar `id` (requirements
 * in a YAML spec), so that an item edited on one side replaces its old version instead of
 * standing next to it. Returns null when the sides truly disagree (the same item edited
 * differently, or edited on one side and removed on the other) or when an item repeats, where
 * set semantics would silently drop or duplicate something.
 */
export function mergeList(base: unknown[], ours: unknown[], theirs: unknown[]): ItemRef[] | null {
  const b = indexByIdentity(base);
  const o = indexByIdentity(ours);
  const t = indexByIdentity(theirs);
  if (!b || !o || !t) return null;
  const out: ItemRef[] = [];
  for (const [id, oi] of o) {
    const ti = t.get(id);
    const bi = b.get(id);
    const ov = ours[oi];
    if (ti !== undefined) {
      const tv = theirs[ti];
      if (same(ov, tv) || (bi !== undefined && same(base[bi], tv))) out.push({ side: 'ours', index: oi });
      else if (bi !== undefined && same(base[bi], ov)) out.push({ side: 'theirs', index: ti, replaces: oi });
      else return null;
    } else if (bi === undefined) {
      out.push({ side: 'ours', index: oi });
    } else if (!same(base[bi], ov)) {
      return null;
    }
  }
  for (const [id, ti] of t) {
    if (o.has(id)) continue;
    const bi = b.get(id);
    if (bi === undefined) out.push({ side: 'theirs', index: ti });
    else if (!same(base[bi], theirs[ti])) return null;
  }
  return out;
}

/** Identity of each item → its index; null when two items share an identity. */
function indexByIdentity(list: unknown[]): Map<string, number> | null {
  const map = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const id = identity(list[i]);
    if (map.has(id)) return null;
    map.set(id, i);
  }
  return map;
}

function identity(item: unknown): string {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const id = (item as Record<string, unknown>).id;
    if (typeof id === 'string' || typeof id === 'number') return `id:${JSON.stringify(id)}`;
  }
  return `value:${canonicalJson(item)}`;
}

/** JSON with object keys sorted, so equal values have equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? String(value);
}
