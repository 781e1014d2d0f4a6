import { SddError } from '../shared/errors.js';

/** The largest `--limit` accepted: more than any index holds, and a safe SQLite integer. */
export const MAX_LIMIT = 1_000_000_000;

/**
 * A `--limit` value: a whole number written in digits, from `min` to MAX_LIMIT. `Number()` alone
 * would accept `1e308`, `0x10` and ` 5 `, and pass SQLite a float it rejects.
 */
export function parseLimit(value: string, option = '--limit', min = 0): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= MAX_LIMIT)) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    throw new SddError('invalid_argument', `${option} must be a whole number from ${min} to ${MAX_LIMIT}, not "${shown}"`, { fix: `Use e.g. \`${option} 50\`.` });
  }
  return n;
}
