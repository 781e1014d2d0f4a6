import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root (the folder with package.json, schemas/ and templates/): the
 * nearest folder above this module holding a package.json, wherever the build put the module.
 */
export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url))) + path.sep;

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

let pkg: { version: string; homepage?: string } | undefined;

function packageJson(): { version: string; homepage?: string } {
  pkg ??= JSON.parse(fs.readFileSync(PACKAGE_ROOT + 'package.json', 'utf8')) as { version: string; homepage?: string };
  return pkg;
}

/** sdd's own version, from package.json. */
export function sddVersion(): string {
  return packageJson().version;
}

/** Where sdd's documentation lives (package.json `homepage`, without the fragment). */
export function sddHomepage(): string {
  return (packageJson().homepage ?? 'https://www.npmjs.com/package/sdd').replace(/#.*$/, '');
}
