import { Ajv, type Options } from 'ajv';

/**
 * The options the shipped schemas (schemas/*.schema.json) are compiled with, ahead of time by
 * scripts/schema-validators.mjs, which holds the same object (a test compares the two).
 */
export const SHIPPED_SCHEMA_OPTIONS: Options = {
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  verbose: true,
};

/**
 * The one place sdd creates an Ajv instance: all errors, strict mode, union types allowed.
 * The shipped schemas never come here (see schema.ts); what does is compiled at run time, such
 * as the options schema of a rule.
 */
export function createAjv(options: Options = {}): Ajv {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, ...options });
}
