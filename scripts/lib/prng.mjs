/**
 * Deterministic randomness for the benchmark corpus: a seeded PRNG (mulberry32), a string/number
 * mixer for deriving independent per-item seeds, and samplers built on top of them.
 */

/** mulberry32: a tiny 32-bit PRNG; returns a function yielding floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers into one 32-bit seed (murmur3 finaliser), so item i of seed s gets its own stream. */
export function mixSeed(...parts) {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A string seed (e.g. `--seed bench`) as a 32-bit number; numeric strings map to themselves. */
export function seedFromString(s) {
  if (/^\d+$/.test(String(s))) return Number(s) >>> 0;
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Random helpers bound to one PRNG stream. */
export class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }

  /** Integer in [min, max], both inclusive. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p) {
    return this.next() < p;
  }

  /** Picks a key of `weights` ({value: weight}) with probability proportional to its weight. */
  weighted(entries) {
    let r = this.next() * entries.total;
    for (const [value, w] of entries.items) {
      r -= w;
      if (r < 0) return value;
    }
    return entries.items[entries.items.length - 1][0];
  }
}

/** Prepares `{value: weight}` for Random#weighted. */
export function weights(obj) {
  const items = Object.entries(obj);
  return { items, total: items.reduce((s, [, w]) => s + w, 0) };
}

/**
 * Samples items by Zipf's law: the item at rank r (0-based position in `items`) is drawn with
 * probability proportional to 1 / (r + 1)^exponent. Uses a cumulative table and binary search.
 */
export class Zipf {
  constructor(items, exponent = 1) {
    this.items = items;
    this.exponent = exponent;
    this.cdf = new Float64Array(items.length);
    let sum = 0;
    for (let r = 0; r < items.length; r++) {
      sum += 1 / Math.pow(r + 1, exponent);
      this.cdf[r] = sum;
    }
    this.total = sum;
  }

  /** The probability of drawing the item at `rank`. */
  probability(rank) {
    return 1 / Math.pow(rank + 1, this.exponent) / this.total;
  }

  sample(random) {
    const x = random.next() * this.total;
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo];
  }
}
