import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The installed package's root (the folder with package.json, schemas/ and templates/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let version: string | undefined;

/** sdd's own version, from package.json. */
export function sddVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(PACKAGE_ROOT + 'package.json', 'utf8')) as { version: string }).version;
  return version;
}
