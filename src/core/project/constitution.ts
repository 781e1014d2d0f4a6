import { isMissing, unreadable } from '../shared/read-file.js';
import fs from 'node:fs';
import path from 'node:path';
import { loadYaml } from '../shared/yaml.js';
import type { ProjectPaths } from './paths.js';
import { frontMatterYaml } from '../spec/front-matter.js';

/** The `version` in .sdd/constitution.md's front matter, or null when absent or unreadable. */
export function constitutionVersion(paths: ProjectPaths): string | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(paths.sddDir, 'constitution.md'), 'utf8');
  } catch (err) {
    if (!isMissing(err)) throw unreadable(err, '.sdd/constitution.md');
    return null;
  }
  const yaml = frontMatterYaml(text);
  if (yaml === null) return null;
  try {
    const data = loadYaml(yaml) as Record<string, unknown> | null;
    const v = data && typeof data === 'object' ? data.version : undefined;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  } catch {
    return null;
  }
}
