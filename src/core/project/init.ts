import fs from 'node:fs';
import path from 'node:path';
import { createFileAtomic } from '../shared/fs-atomic.js';
import { PACKAGE_ROOT } from './package-info.js';
import { findProject, projectPaths, relativePath, SDD_DIR } from './paths.js';
import { SddError } from '../shared/errors.js';
import { renderTemplate } from './templates.js';
import { configSchemaRef } from './schema-path.js';

export interface InitResult {
  root: string;
  /** Project-relative paths created now. */
  created: string[];
  /** Project-relative paths that were already there and left untouched. */
  existing: string[];
}

function builtIn(name: string): string {
  return fs.readFileSync(path.join(PACKAGE_ROOT, 'templates', name), 'utf8');
}

// @sdd project-init/INIT-001, project-init/INIT-002, project-init/INIT-004
/**
 * Creates `.sdd/` under `root`: config, constitution, access file, allowed signers, specs folder and a
 * .gitignore for the cache. Idempotent: an existing file is never overwritten.
 */
export function initProject(root: string, now: Date, options: { force?: boolean } = {}): InitResult {
  const paths = projectPaths(path.resolve(root));
  if (!options.force) refuseNested(paths.root);
  const date = now.toISOString().slice(0, 10);
  const name = path.basename(paths.root);
  const schema = configSchemaRef(paths.root, paths.sddDir);
  const files: Array<[string, () => string]> = [
    ['config.yaml', () => renderTemplate({ text: builtIn('project/config.yaml'), displayFile: 'templates/project/config.yaml' }, { schema, name })],
    ['constitution.md', () => renderTemplate({ text: builtIn('constitution.md'), displayFile: 'templates/constitution.md' }, { title: `${name} constitution`, date })],
    ['access.yml', () => builtIn('project/access.yml')],
    ['allowed_signers', () => builtIn('project/allowed_signers')],
    ['.gitignore', () => builtIn('project/gitignore')],
  ];
  const created: string[] = [];
  const existing: string[] = [];
  fs.mkdirSync(paths.sddDir, { recursive: true });
  for (const [file, content] of files) {
    const abs = path.join(paths.sddDir, file);
    const rel = relativePath(paths.root, abs);
    if (fs.existsSync(abs)) existing.push(rel);
    else if (createFileAtomic(abs, content())) created.push(rel);
    else existing.push(rel);
  }
  const specsRel = relativePath(paths.root, paths.specsDir) + '/';
  if (fs.existsSync(paths.specsDir)) existing.push(specsRel);
  else {
    fs.mkdirSync(paths.specsDir, { recursive: true });
    created.push(specsRel);
  }
  return { root: paths.root, created, existing };
}

/**
 * A `.sdd/` above `root` means the user stands inside a project (e.g. in `.sdd/specs/auth`): a
 * second, nested project there would silently split the specs in two.
 */
function refuseNested(root: string): void {
  if (fs.existsSync(path.join(root, SDD_DIR))) return;
  let enclosing: string;
  try {
    enclosing = findProject(path.dirname(root)).root;
  } catch {
    return;
  }
  if (enclosing === root) return;
  throw new SddError('nested_project', `${root} is inside the sdd project at ${enclosing}: a second .sdd/ here would hide its specs from that project`, {
    fix: `Run \`sdd init\` elsewhere (or \`sdd --cwd ${enclosing} …\` to use the existing project); pass --force to create a nested project anyway.`,
  });
}
