import fs from 'node:fs';
import { isMissing, unreadable } from '../shared/read-file.js';

const SPEC_FILE = /\.(md|ya?ml)$/i;

/**
 * Project-relative paths (`<prefix>/<sub>/<name>`) of spec files below `dir`: `.md`, `.yaml`,
 * `.yml`, skipping dot-files and dot-directories and not following symbolic links. A plain
 * recursive readdir: on the hot path of every command, it costs less than a glob engine.
 * `onDir` is called with each folder walked, before it is read. A folder that exists and cannot
 * be read throws an SddError naming it: skipping it would let a check pass on specs it never saw.
 */
export function walkSpecFiles(dir: string, prefix: string, onDir?: (abs: string, rel: string) => void): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string) => {
    onDir?.(abs, rel);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw unreadable(err, rel, 'folder');
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) visit(`${abs}/${e.name}`, `${rel}/${e.name}`);
      else if (e.isFile() && SPEC_FILE.test(e.name)) out.push(`${rel}/${e.name}`);
    }
  };
  visit(dir, prefix);
  return out.sort();
}
