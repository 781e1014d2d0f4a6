import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from './core/project/package-info.js';

/**
 * What bin/sdd.js hands the bundle it loads (see bin/sdd.js): an ES-module import, since code
 * compiled by node:vm cannot use import() itself on Node 20, and how V8's code cache fared.
 * Undefined when the modules run unbundled (tsc's output, as in the unit tests).
 */
export interface Launch {
  import(specifier: string): Promise<unknown>;
  codeCache: 'accepted' | 'rejected' | 'missing' | 'off';
}

declare const __sddLaunch: Launch | undefined;

export const launch: Launch | undefined = typeof __sddLaunch === 'undefined' ? undefined : __sddLaunch;

/** Imports an ES module by URL, from the bundle as from tsc's output. */
export function importModule<T>(url: URL): Promise<T> {
  return (launch ? launch.import(url.href) : import(url.href)) as Promise<T>;
}

/**
 * A module built as a file of its own (a worker thread): `sibling` (its
 * place beside the importing module in tsc's output) when it exists, else dist/<distName>.
 */
export function separateModule(sibling: URL, distName: string): URL {
  return fs.existsSync(fileURLToPath(sibling)) ? sibling : pathToFileURL(path.join(PACKAGE_ROOT, 'dist', distName));
}
