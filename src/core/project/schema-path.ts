import { PACKAGE_ROOT } from './package-info.js';

/** Absolute path of a shipped JSON Schema, for `$schema` comments editors follow. */
export function schemaPath(name: 'spec' | 'config'): string {
  return `${PACKAGE_ROOT}schemas/${name}.schema.json`;
}
