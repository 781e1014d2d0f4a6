import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { PACKAGE_ROOT } from './package-info.js';
import { relativePath, type ProjectPaths } from './paths.js';
import { splitFrontMatter } from '../spec/front-matter.js';
import { yamlScalar } from '../shared/yaml-scalar.js';

// @sdd spec-authoring/NEW-001
export const BUILT_IN_TEMPLATES = ['spec', 'plan', 'tasks', 'adr', 'constitution'] as const;

export interface Template {
  name: string;
  /** Absolute path of the template file. */
  file: string;
  /** Path to show users: project-relative for overrides, package-relative for built-ins. */
  displayFile: string;
  text: string;
}

/** Template values; a list renders as a YAML flow sequence, null or '' drops the line in front matter. */
export type TemplateVars = Record<string, string | number | string[] | null>;

/** Names of every template available: built-ins plus `.sdd/templates/*.md`. */
export function templateNames(paths: ProjectPaths): string[] {
  const names = new Set<string>(BUILT_IN_TEMPLATES);
  try {
    for (const f of fs.readdirSync(path.join(paths.sddDir, 'templates'))) if (f.endsWith('.md')) names.add(f.slice(0, -3));
  } catch {
    // no overrides
  }
  return [...names].sort();
}

// @sdd spec-authoring/NEW-002
/** Loads a template, preferring the project's `.sdd/templates/<name>.md` over the built-in one. */
export function loadTemplate(paths: ProjectPaths, name: string): Template {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw unknownTemplate(paths, name);
  const override = path.join(paths.sddDir, 'templates', `${name}.md`);
  if (fs.existsSync(override)) return { name, file: override, displayFile: relativePath(paths.root, override), text: fs.readFileSync(override, 'utf8') };
  const builtIn = path.join(PACKAGE_ROOT, 'templates', `${name}.md`);
  if (fs.existsSync(builtIn)) return { name, file: builtIn, displayFile: `templates/${name}.md (built in)`, text: fs.readFileSync(builtIn, 'utf8') };
  throw unknownTemplate(paths, name);
}

function unknownTemplate(paths: ProjectPaths, name: string): SddError {
  return new SddError('unknown_template', `There is no template named "${name}"`, {
    fix: `Use one of: ${templateNames(paths).join(', ')}; or add .sdd/templates/${name}.md.`,
  });
}

/**
 * Replaces `{{name}}` placeholders. Inside the front matter values are written as YAML
 * (strings double-quoted as JSON, which YAML reads back verbatim; lists as flow sequences), so a
 * title with a colon or quote cannot break the document. In the body values are inserted as text.
 */
export function renderTemplate(template: Pick<Template, 'text' | 'displayFile'>, vars: TemplateVars): string {
  const lines = template.text.split('\n');
  // Index of the closing `---` line (lines.length when unclosed; -1 without front matter).
  const block = splitFrontMatter(template.text);
  const frontMatterEnd = !block ? -1 : block.closed ? template.text.slice(0, block.end).split('\n').length - 1 : lines.length;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const inFrontMatter = i > 0 && i < frontMatterEnd;
    let dropLine = false;
    const rendered = line.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi, (_, name: string) => {
      if (!(name in vars)) {
        throw new SddError('template_invalid', `Unknown template variable {{${name}}}`, {
          target: { file: template.displayFile, line: i + 1 },
          fix: `Use one of: ${Object.keys(vars).map((v) => `{{${v}}}`).join(', ')}.`,
        });
      }
      const value = vars[name];
      if (!inFrontMatter) return Array.isArray(value) ? value.join(', ') : value === null ? '' : String(value);
      if (value === null || value === '') {
        if (/^\s*[\w-]+:\s*\{\{[^}]+\}\}\s*$/.test(line)) dropLine = true;
        return '""';
      }
      if (Array.isArray(value)) return `[${value.map((v) => yamlScalar(v)).join(', ')}]`;
      return typeof value === 'number' ? String(value) : yamlScalar(value);
    });
    if (!dropLine) out.push(rendered);
  });
  return out.join('\n');
}

/** Letters that decomposition leaves alone, written the way their languages spell them in ASCII. */
const TRANSLITERATION: Record<string, string> = {
  '\u00df': 'ss', '\u00e6': 'ae', '\u0153': 'oe', '\u00f8': 'o', '\u0142': 'l', '\u0111': 'd', '\u00f0': 'd', '\u00fe': 'th', '\u0131': 'i', '\u0138': 'k', '\u014b': 'ng',
};
const TRANSLITERATED = /[\u00df\u00e6\u0153\u00f8\u0142\u0111\u00f0\u00fe\u0131\u0138\u014b]/g;
const SLUG_MAX = 64;

/**
 * Turns a title into an id slug: lower-case ASCII letters, digits and single hyphens. Accents
 * are dropped and letters such as ß spelt out (`Über straße` → `uber-strasse`); a long title is
 * cut at a word boundary, never inside a word.
 */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(TRANSLITERATED, (c) => TRANSLITERATION[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= SLUG_MAX) return slug;
  const cut = slug.slice(0, SLUG_MAX + 1);
  const boundary = cut.lastIndexOf('-');
  // One word longer than the limit has no boundary to cut at: only then is it cut inside.
  return (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, SLUG_MAX)).replace(/-+$/, '');
}

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

