/**
 * The one parser of dates sdd accepts from people: strict ISO 8601 calendar dates
 * (`2024-05-01`) and date-times (`2024-05-01T12:30`, `…:45`, `…:45.123`, with `Z` or `±HH:MM`).
 * `Date.parse` is not used because it is lenient where a typo should be an error: it reads `1`
 * as the year 2001 and rolls `2024-02-30` over to March 1st.
 */
export interface IsoDate {
  /** True for a bare calendar date (a whole UTC day). */
  dateOnly: boolean;
  /** Milliseconds since the epoch; a date-time without a zone is read as UTC. */
  ms: number;
  /** `YYYY-MM-DD` of the instant in UTC (for a bare date: the date itself). */
  day: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date `value` names, or null when it is not a real ISO 8601 date or date-time. */
export function parseIsoDate(value: string): IsoDate | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] === undefined) {
    const ms = Date.UTC(year, month - 1, day);
    return { dateOnly: true, ms, day: m[0].slice(0, 10) };
  }
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    if (oh > 14 || om > 59) return null;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offset;
  return { dateOnly: false, ms, day: new Date(ms).toISOString().slice(0, 10) };
}

/** `YYYY-MM-DD` of the UTC day after `ms`'s day. */
export function nextDay(ms: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString().slice(0, 10);
}

/** An instant as `YYYY-MM-DDTHH:MM:SS[.sss]Z`, the shape sdd compares stored date-times in. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
