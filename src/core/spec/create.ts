import fs from 'node:fs';
import { openGit, type Git } from '../git/index.js';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { createFileAtomic } from '../shared/fs-atomic.js';
import { parseSpec } from './parse.js';
import { relativePath } from '../project/paths.js';
import { loadTemplate, renderTemplate, slugify, SLUG_RE } from '../project/templates.js';
import type { Project } from '../project/open.js';

export interface NewSpecRequest {
  template: string;
  title: string;
  id?: string;
  domain?: string;
  dependsOn?: string[];
  phase?: string;
  owner?: string;
  now: Date;
  /** The git gateway (Env.git), asked for the default owner; unset, one for the project root. */
  git?: Git;
}

export interface NewSpecResult {
  id: string;
  /** Project-relative path of the new file. */
  file: string;
  template: string;
}

// @sdd spec-authoring/NEW-001, spec-authoring/NEW-003, spec-authoring/NEW-004
/**
 * Renders a template into a new file under `.sdd/`. Refuses a malformed or duplicate id, an
 * unknown dependency, and any existing file; never writes outside `.sdd/`. `existing` maps every
 * spec id in use to a file that holds it (the index answers that, so no spec is read here).
 */
export function createSpec(project: Project, req: NewSpecRequest, existing: ReadonlyMap<string, string>): NewSpecResult {
  const { paths, config } = project;
  const title = req.title.trim();
  if (!title) throw new SddError('invalid_argument', 'The title is empty', { fix: 'Pass a title, e.g. `sdd new spec "User login"`.' });
  const template = loadTemplate(paths, req.template);
  const isConstitution = req.template === 'constitution';

  const id = req.id ?? slugify(title);
  if (!isConstitution && !SLUG_RE.test(id)) {
    throw new SddError('invalid_argument', `"${id}" is not a valid spec id`, {
      fix: req.id ? 'Use lower-case letters, digits and single hyphens, e.g. `--id user-login`.' : 'The title has no letters or digits to make an id from; pass one with `--id`.',
    });
  }
  if (req.domain !== undefined && !SLUG_RE.test(req.domain)) {
    throw new SddError('invalid_argument', `"${req.domain}" is not a valid domain`, { fix: 'Use lower-case letters, digits and single hyphens, e.g. `--domain auth`.' });
  }
  const phase = req.phase === undefined ? null : /^\d+$/.test(req.phase) ? Number(req.phase) : req.phase;

  const target = isConstitution
    ? path.join(paths.sddDir, 'constitution.md')
    : path.join(paths.specsDir, ...(req.domain ? [req.domain] : []), `${id}.md`);
  const rel = relativePath(paths.root, target);
  if (!path.resolve(target).startsWith(paths.sddDir + path.sep)) {
    throw new SddError('invalid_argument', `Refusing to write outside .sdd/: ${rel}`, { fix: 'Choose an id and domain without path separators.' });
  }

  if (!isConstitution) {
    const clash = existing.get(id);
    if (clash !== undefined) {
      throw new SddError('duplicate_id', `A spec with id "${id}" already exists`, {
        target: { file: clash }, fix: 'Pick another id with `--id <slug>`, or edit the existing spec.',
      });
    }
    const unknown = (req.dependsOn ?? []).filter((d) => !existing.has(d));
    if (unknown.length) {
      throw new SddError('unknown_dependency', `--depends-on names ${unknown.map((u) => `"${u}"`).join(', ')}, but no spec has that id`, {
        fix: 'Create the dependency first, or correct the id (see `sdd list`).',
      });
    }
  }

  const text = renderTemplate(template, {
    id, title, domain: req.domain ?? null, phase, owner: req.owner ?? (req.git ?? openGit(paths.root)).at(paths.root).configValueSync('user.email'),
    depends_on: req.dependsOn ?? [], date: req.now.toISOString().slice(0, 10), kind: req.template,
  });
  if (!isConstitution) {
    const parsed = parseSpec(rel, text, { requirementIdPattern: config.requirements.idPattern });
    if (!parsed.ok) {
      throw new SddError('template_invalid', `The template does not render to a valid spec: ${parsed.problem.message}`, {
        target: { file: template.displayFile, line: parsed.problem.line }, fix: 'Fix the template\'s front matter.',
      });
    }
    if (parsed.spec.id !== id) {
      throw new SddError('template_invalid', 'The template does not set `id: {{id}}` in its front matter', {
        target: { file: template.displayFile }, fix: 'Add the line `id: {{id}}` to the template\'s front matter.',
      });
    }
  }
  if (fs.existsSync(target) || !createFileAtomic(target, text)) {
    throw new SddError('file_exists', `${rel} already exists`, { target: { file: rel }, fix: 'Pick another id with `--id`, or edit the existing file.' });
  }
  return { id, file: rel, template: req.template };
}
