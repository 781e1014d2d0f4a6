import type { CompareOp, QueryNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { STATUSES } from '../spec/fields.js';
import { closest } from '../spec/lookup.js';
import { parseIsoDate } from '../shared/date.js';

/**
 * What a built-in field holds, which decides how its values are checked and matched:
 * - `keyword`: a whole value (id, domain, tag …): `:` ignores case, `*` matches a prefix;
 * - `words`: prose (title): `:` finds the value's words in order, `*` makes the last a prefix;
 * - `status`: the closed lifecycle set; `phase`: a number or a label; `date`: an ISO date string;
 * - `after` / `before`: date bounds; `approved`, `approval`: computed from decisions;
 * - `dependent`: the transitive dependents of an id; `text`: full text; `has` / `no`: presence.
 */
export type FieldType = 'keyword' | 'words' | 'status' | 'phase' | 'date' | 'after' | 'before' | 'approved' | 'approval' | 'dependent' | 'text' | 'has' | 'no';

export interface FieldInfo {
  /** The canonical name (aliases such as `tags` and `req` map to `tag` and `requirement`). */
  name: string;
  type: FieldType;
  /** A front-matter value (or a requirement, a review): `has:` / `no:` can ask for it. */
  stored: boolean;
}

const entries: Array<[string[], FieldType, boolean]> = [
  [['id'], 'keyword', true], [['title'], 'words', true], [['status'], 'status', true], [['kind'], 'keyword', true],
  [['domain'], 'keyword', true], [['owner'], 'keyword', true], [['file', 'path'], 'keyword', false], [['hash'], 'keyword', false],
  [['phase'], 'phase', true], [['created'], 'date', true], [['updated'], 'date', true],
  [['tag', 'tags'], 'keyword', true], [['reviewer', 'reviewers'], 'keyword', true], [['code'], 'keyword', true],
  [['depends_on'], 'keyword', true], [['requirement', 'req', 'requirements'], 'keyword', true], [['approver'], 'keyword', true],
  [['dependent_of'], 'dependent', false], [['text'], 'text', false], [['approved'], 'approved', false], [['approval'], 'approval', false],
  [['created_after'], 'after', false], [['updated_after', 'modified_after'], 'after', false],
  [['created_before'], 'before', false], [['updated_before', 'modified_before'], 'before', false],
  [['has'], 'has', false], [['no'], 'no', false],
];

/** Built-in fields by lower-case name. A Map, so `constructor` or `__proto__` are just keys nobody defined. */
export const BUILTIN_FIELDS: ReadonlyMap<string, FieldInfo> = new Map(
  entries.flatMap(([names, type, stored]) => names.map((n): [string, FieldInfo] => [n, { name: names[0], type, stored }])),
);

/** Every built-in field name, for help texts and warnings. */
export const QUERY_FIELDS: readonly string[] = [...BUILTIN_FIELDS.keys()];

export const APPROVAL_STATES: readonly string[] = ['approved', 'suspect', 'stale', 'rejected', 'pending', 'none'];
const TRUE = /^(true|yes|1)$/i;
const FALSE = /^(false|no|0)$/i;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** The stored column a date bound compares (`modified_*` are aliases of `updated_*`). */
export function dateBoundColumn(field: string): 'created' | 'updated' {
  return field.toLowerCase().startsWith('created') ? 'created' : 'updated';
}

type FieldNode = Extract<QueryNode, { type: 'field' }>;

/**
 * The built-in meaning of a field term, or undefined for a front-matter key of that name.
 * Built-in names ignore case; a quoted `"has"` or `"no"` names a key, not the presence test.
 */
export function builtinField(node: Pick<FieldNode, 'field' | 'fieldQuoted'>): FieldInfo | undefined {
  const info = BUILTIN_FIELDS.get(node.field.toLowerCase());
  if (info && node.fieldQuoted && (info.type === 'has' || info.type === 'no')) return undefined;
  return info;
}

/** A number as the query language reads it (`2`, `-1.5`), or null. */
export function queryNumber(value: string): number | null {
  return NUMBER.test(value) ? Number(value) : null;
}

export function isComparison(op: CompareOp): boolean {
  return op !== ':' && op !== '=';
}

function fail(n: FieldNode, message: string, fix: string): never {
  throw new QuerySyntaxError(message, n.start, n.end - n.start, fix);
}

/** The hint for a value outside a known set: the closest values, then all of them. */
export const didYouMean = (wanted: string, known: readonly string[]) => {
  const near = closest(wanted, known);
  return `${near.length ? `Did you mean ${near.map((x) => `"${x}"`).join(' or ')}? ` : ''}Use one of: ${known.join(', ')}.`;
};

/** Checks one field term's operator and value against what its field holds. */
function checkField(n: FieldNode): void {
  const info = builtinField(n);
  const name = n.field;
  const written = `${name}${n.op}${n.value}`;
  if (isComparison(n.op) && n.prefix) fail(n, `'${written}*': a comparison takes no *`, `Remove the * (${written}).`);
  if (info === undefined) {
    if (isComparison(n.op) && queryNumber(n.value) === null && parseIsoDate(n.value) === null) {
      fail(n, `'${written}': ${n.op} compares numbers or ISO dates, and "${n.value}" is neither`, `Write a number (${name}${n.op}3) or a date (${name}${n.op}2024-05-01); use ${name}:${n.value} to match the value.`);
    }
    return;
  }
  const comparable = info.type === 'phase' || info.type === 'date';
  if (isComparison(n.op) && !comparable) {
    fail(n, `'${written}': ${name} cannot be compared with ${n.op}`, `Only phase, created, updated and your own number or date keys compare; write ${name}:${n.value}.`);
  }
  switch (info.type) {
    case 'status': {
      const v = n.value.toLowerCase();
      const ok = n.prefix ? STATUSES.some((s) => s.startsWith(v)) : (STATUSES as readonly string[]).includes(n.op === '=' ? n.value : v);
      if (!ok) fail(n, `unknown status "${n.value}${n.prefix ? '*' : ''}"`, didYouMean(v, STATUSES));
      return;
    }
    case 'phase':
      if (isComparison(n.op) && queryNumber(n.value) === null) fail(n, `'${written}': ${n.op} compares phases as numbers, and "${n.value}" is not one`, `Write a number, e.g. phase${n.op}2; phase:${n.value} matches a phase label.`);
      return;
    case 'date':
      if (isComparison(n.op) && parseIsoDate(n.value) === null) fail(n, `'${written}': "${n.value}" is not an ISO date`, `Write a real date, e.g. ${name}${n.op}2024-05-01 (or 2024-05-01T12:00:00Z).`);
      return;
    case 'after':
    case 'before':
      if (n.op !== ':' || n.prefix || parseIsoDate(n.value) === null) {
        fail(n, `'${n.field}${n.op}${n.value}${n.prefix ? '*' : ''}': "${n.value}" is not an ISO date`, `Write a real date after a colon, e.g. ${name}:2024-05-01 (or 2024-05-01T12:00:00Z).`);
      }
      return;
    case 'approved':
      if (n.prefix || (!TRUE.test(n.value) && !FALSE.test(n.value))) fail(n, `approved takes true or false, not "${n.value}"`, 'Write approved:true or approved:false (approval:<state> matches a state).');
      return;
    case 'approval':
      if (n.prefix || !APPROVAL_STATES.includes(n.value.toLowerCase())) fail(n, `unknown approval state "${n.value}"`, didYouMean(n.value.toLowerCase(), APPROVAL_STATES));
      return;
    case 'dependent':
      if (n.prefix) fail(n, `dependent_of takes a whole spec id, not a prefix`, `Write dependent_of:${n.value} without the *.`);
      return;
    case 'has':
    case 'no': {
      if (n.op !== ':' || n.prefix) fail(n, `'${written}': write ${info.type}:<field>`, `For example ${info.type}:owner or ${info.type}:reviewers.`);
      const target = BUILTIN_FIELDS.get(n.value.toLowerCase());
      if (target && !target.stored) fail(n, `${info.type}:${n.value}: ${n.value} is not a stored field`, 'has: and no: ask about front-matter keys, requirements and reviewers, e.g. has:owner, no:reviewers, no:requirement.');
      return;
    }
    default:
  }
}

// @sdd query-language/QRY-006
/** Throws a `QuerySyntaxError`, with a caret at the term, for the first value its field cannot hold. */
export function validateQuery(ast: QueryNode): void {
  const stack = [ast];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'field') checkField(n);
    else if (n.type === 'not') stack.push(n.child);
    else if (n.type === 'and' || n.type === 'or') stack.push(...[...n.children].reverse());
  }
}
