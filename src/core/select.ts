import { SddError } from './errors.js';
import type { Spec } from './spec.js';

export interface SpecFilter {
  status?: string[];
  domain?: string[];
  phase?: string[];
}

/** Specs matching every given filter (each filter matches any of its values). */
export function filterSpecs(specs: Spec[], filter: SpecFilter): Spec[] {
  return specs.filter((s) =>
    (!filter.status?.length || filter.status.includes(s.status)) &&
    (!filter.domain?.length || (s.domain !== null && filter.domain.includes(s.domain))) &&
    (!filter.phase?.length || (s.phase !== null && filter.phase.includes(String(s.phase)))));
}

const SORTERS: Record<string, (s: Spec) => string | number> = {
  id: (s) => s.id,
  title: (s) => s.title.toLowerCase(),
  status: (s) => ['draft', 'review', 'approved', 'implemented', 'deprecated'].indexOf(s.status),
  phase: (s) => (typeof s.phase === 'number' ? s.phase : s.phase === null ? Number.MAX_SAFE_INTEGER : Number(s.phase) || Number.MAX_SAFE_INTEGER),
  domain: (s) => s.domain ?? '\uffff',
  updated: (s) => s.updated ?? '',
  created: (s) => s.created ?? '',
  file: (s) => s.file,
};

/** Sorts by `key` (a `-` prefix reverses), ties broken by id so output is deterministic. */
export function sortSpecs(specs: Spec[], key: string): Spec[] {
  const reverse = key.startsWith('-');
  const name = reverse ? key.slice(1) : key;
  const by = SORTERS[name];
  if (!by) throw new SddError('invalid_argument', `Cannot sort by "${name}"`, { fix: `Use one of: ${Object.keys(SORTERS).join(', ')} (prefix with - to reverse).` });
  const dir = reverse ? -1 : 1;
  return [...specs].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    if (x < y) return -dir;
    if (x > y) return dir;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
