export const STATUSES = ['draft', 'review', 'approved', 'implemented', 'deprecated'] as const;
export type Status = (typeof STATUSES)[number];

/** Front-matter keys with a meaning to sdd; every other key is kept as an extra key. */
export const KNOWN_KEYS = new Set([
  'id', 'title', 'status', 'kind', 'phase', 'domain', 'owner', 'tags', 'depends_on', 'reviewers',
  'code', 'created', 'updated', 'constitution_version', 'requirements', 'body',
]);
