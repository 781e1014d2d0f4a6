import path from 'node:path';
import { PACKAGE_ROOT, sddVersion } from './package-info.js';
import { relativePath } from './paths.js';

/** Absolute path of a shipped JSON Schema, for `$schema` comments editors follow. */
export function schemaPath(name: 'spec' | 'config'): string {
  return `${PACKAGE_ROOT}schemas/${name}.schema.json`;
}

/**
 * What `config.yaml`'s `$schema` comment points at. It is committed, so it must work on every
 * clone: a path relative to `.sdd/` when sdd is installed inside the project (node_modules), and
 * otherwise the schema of this exact version on the npm CDN, never this machine's install path.
 */
export function configSchemaRef(projectRoot: string, sddDir: string): string {
  const file = schemaPath('config');
  if (file.startsWith(path.resolve(projectRoot) + path.sep) && !relativePath(projectRoot, file).startsWith('.')) return relativePath(sddDir, file);
  return `https://unpkg.com/sdd@${sddVersion()}/schemas/config.schema.json`;
}
