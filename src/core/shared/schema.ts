import type { ErrorObject, ValidateFunction } from 'ajv';
import * as shipped from './schema-validators.generated.js';

/** A shipped schema, by its file name in camelCase (`decision-record.schema.json`: `decisionRecord`). */
export type SchemaName = 'spec' | 'config' | 'policies' | 'access' | 'decisionRecord' | 'baseline';

/**
 * The validator of the shipped JSON Schema `schemas/<name>.schema.json`, compiled at build time
 * (scripts/schema-validators.mjs): checking a document loads neither ajv nor the schema file.
 */
export function schemaValidator(name: SchemaName): ValidateFunction {
  return shipped[name] as unknown as ValidateFunction;
}

/** One schema violation, with the key path it concerns and a sentence a person can act on. */
export interface SchemaIssue {
  path: Array<string | number>;
  message: string;
  /** A stable key for fingerprints: the path plus the kind of violation. */
  key: string;
  /** For a value outside a closed set: the values allowed, so callers can suggest the one meant. */
  allowed?: string[];
}

// @sdd validation/VAL-002
/** Validates `data` against a shipped schema and explains each violation in plain words. */
export function checkSchema(name: 'spec' | 'config', data: unknown): SchemaIssue[] {
  const validate = schemaValidator(name);
  if (validate(data)) return [];
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const issue = describe(e, data);
    if (!seen.has(issue.key)) {
      seen.add(issue.key);
      issues.push(issue);
    }
  }
  return issues;
}

function describe(e: ErrorObject, data: unknown): SchemaIssue {
  const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const name = fieldName(path);
  const value = valueAt(data, path);
  const shown = JSON.stringify(value);
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const full = [...path, missing];
      return { path, key: `required:${fieldName(full)}`, message: `Missing required field \`${fieldName(full)}\`` };
    }
    case 'enum':
    case 'const': {
      const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [(e.params as { allowedValue: unknown }).allowedValue];
      return { path, key: `enum:${name}`, message: `\`${name}\` is ${shown}, which is not one of: ${allowed.map(String).join(', ')}`, allowed: allowed.map(String) };
    }
    case 'pattern':
      if (/(^|\.)(id|domain|kind)$|^depends_on\[/.test(name)) {
        return { path, key: `pattern:${name}`, message: `\`${name}\` is ${shown}, which is not a slug (lower-case letters, digits and single hyphens, e.g. \`user-auth\`)` };
      }
      return { path, key: `pattern:${name}`, message: `\`${name}\` is ${shown}, which does not match the expected form ${(e.params as { pattern: string }).pattern}` };
    case 'type':
      return { path, key: `type:${name}`, message: `\`${name}\` must be ${article((e.params as { type: string | string[] }).type)}, not ${typeName(value)}` };
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const full = [...path, extra];
      return { path: full, key: `unknown:${fieldName(full)}`, message: `Unknown key \`${fieldName(full)}\`` };
    }
    case 'uniqueItems':
      return { path, key: `unique:${name}`, message: `\`${name}\` lists the same value twice` };
    case 'minLength':
      return { path, key: `empty:${name}`, message: `\`${name}\` must not be empty` };
    default:
      return { path, key: `${e.keyword}:${name}`, message: `\`${name || 'document'}\` ${e.message ?? 'is invalid'}` };
  }
}

function fieldName(path: Array<string | number>): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
  let cur = data;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

function typeName(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v} (${JSON.stringify(v)})`;
}

function article(t: string | string[]): string {
  const words: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' };
  return (Array.isArray(t) ? t : [t]).map((x) => words[x] ?? x).join(' or ');
}
