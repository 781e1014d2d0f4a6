import { loadYaml, describeYamlError, type YamlLimits } from '../shared/yaml.js';
import { lineOfKey } from '../shared/key-line.js';
import { splitFrontMatter } from './front-matter.js';
import { extractRequirements, findKeyword, type Requirement } from './requirements.js';
import { contentHash } from './content-hash.js';
import { KNOWN_KEYS } from './fields.js';

export { STATUSES, KNOWN_KEYS, type Status } from './fields.js';

export interface Spec {
  id: string;
  title: string;
  status: string;
  kind: string;
  phase: number | string | null;
  domain: string | null;
  owner: string | null;
  tags: string[];
  dependsOn: string[];
  reviewers: string[];
  code: string[];
  created: string | null;
  updated: string | null;
  /** Unknown keys, exactly as written. */
  extra: Record<string, unknown>;
  /** All metadata as parsed, for schema validation. */
  data: Record<string, unknown>;
  body: string;
  /** File line of the body's first line. */
  bodyLine: number;
  requirements: Requirement[];
  /** Path relative to the project root, with forward slashes. */
  file: string;
  format: 'markdown' | 'yaml';
  contentHash: string;
}

/** Why a file could not be read as a spec. */
export interface ParseProblem {
  code: 'yaml-syntax' | 'front-matter-missing' | 'not-a-mapping' | 'too-large';
  file: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

/**
 * The largest spec sdd reads, in characters. Every command stays linear in the size of a spec,
 * but full-text snippets, rules and the index all pay per character, so one runaway file (a
 * pasted log, a generated dump) would make the whole repository slow; it is a finding instead.
 */
export const MAX_SPEC_CHARS = 1024 * 1024;

/** What a spec's metadata may hold: a few thousand keys is already far more than any spec needs. */
export const SPEC_YAML_LIMITS: YamlLimits = { maxValues: 20_000, maxChars: MAX_SPEC_CHARS };

export type ParseResult = { ok: true; spec: Spec } | { ok: false; problem: ParseProblem };

export interface ParseOptions {
  requirementIdPattern?: string;
}

// @sdd spec-model/MODEL-007
// @sdd spec-model/MODEL-002
/** Parses a spec file's text. `file` is the project-relative path, used in positions. */
export function parseSpec(file: string, text: string, opts: ParseOptions = {}): ParseResult {
  if (text.length > MAX_SPEC_CHARS) {
    return problem('too-large', file, 1, 1, `The spec is ${Math.ceil(text.length / 1024).toLocaleString('en-US')} KB; specs may hold at most ${MAX_SPEC_CHARS / 1024} KB`,
      'Split the spec into smaller specs linked with depends_on, or move bulky material (logs, data, generated text) out of .sdd/specs/.');
  }
  return /\.ya?ml$/i.test(file) ? parseYamlSpec(file, text, opts) : parseMarkdownSpec(file, text, opts);
}

function parseMarkdownSpec(file: string, text: string, opts: ParseOptions): ParseResult {
  const block = splitFrontMatter(text);
  if (!block) {
    return problem('front-matter-missing', file, 1, 1, 'The spec has no YAML front matter',
      'Start the file with a front-matter block: a line `---`, keys such as `id:`, `title:` and `status:`, then `---`.');
  }
  const yaml = text.slice(block.start, block.end);
  let data: unknown = {};
  // A block of nothing but comments and blank lines is an empty mapping, not a missing one.
  if (yaml.replace(/^\s*#[^\n]+/gm, '').trim() !== '') {
    try {
      data = loadYaml(yaml, SPEC_YAML_LIMITS);
    } catch (err) {
      const y = describeYamlError(err);
      if (!y) throw err;
      return problem('yaml-syntax', file, y.line + block.lineOffset, y.column, `Malformed YAML in front matter: ${y.message}`,
        'Fix the YAML syntax at this line (check indentation, quotes and colons).');
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return problem('not-a-mapping', file, 2, 1, 'The front matter is not a mapping of keys to values',
      'Write the front matter as `key: value` lines, e.g. `id: my-spec`.');
  }
  const body = text.slice(block.bodyStart);
  const bodyLine = countLines(text, block.bodyStart) + 1;
  const requirements = extractRequirements(body, bodyLine, opts.requirementIdPattern);
  return { ok: true, spec: buildSpec(file, 'markdown', data as Record<string, unknown>, body, bodyLine, requirements) };
}

function parseYamlSpec(file: string, text: string, opts: ParseOptions): ParseResult {
  let data: unknown;
  try {
    data = loadYaml(text, SPEC_YAML_LIMITS);
  } catch (err) {
    const y = describeYamlError(err);
    if (!y) throw err;
    return problem('yaml-syntax', file, y.line, y.column, `Malformed YAML: ${y.message}`,
      'Fix the YAML syntax at this line (check indentation, quotes and colons).');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return problem('not-a-mapping', file, 1, 1, 'The spec is not a mapping of keys to values',
      'Write the spec as `key: value` lines, e.g. `id: my-spec`.');
  }
  const record = data as Record<string, unknown>;
  const body = typeof record.body === 'string' ? record.body : '';
  const bodyLine = body ? (lineOfKey(text, 'body') ?? 1) + 1 : 1;
  const requirements = extractRequirements(body, bodyLine, opts.requirementIdPattern);
  if (Array.isArray(record.requirements)) {
    let searchFrom = lineOfKey(text, 'requirements') ?? 1;
    record.requirements.forEach((item) => {
      if (!item || typeof item !== 'object') return;
      const r = item as Record<string, unknown>;
      if (typeof r.id !== 'string') return;
      const textValue = typeof r.text === 'string' ? r.text : '';
      // Items appear in order, so each id is looked for after the previous one's line.
      const line = lineOfText(text, r.id, searchFrom + 1) ?? searchFrom + 1;
      searchFrom = line;
      requirements.push({ id: r.id, text: textValue, line, column: 1, keyword: findKeyword(textValue) });
    });
  }
  return { ok: true, spec: buildSpec(file, 'yaml', record, body, bodyLine, requirements) };
}

// @sdd spec-model/MODEL-003
function buildSpec(file: string, format: Spec['format'], data: Record<string, unknown>, body: string, bodyLine: number, requirements: Requirement[]): Spec {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!KNOWN_KEYS.has(k)) extra[k] = v;
  const id = scalar(data.id) ?? '';
  const title = scalar(data.title) ?? '';
  const dependsOn = list(data.depends_on);
  const code = list(data.code);
  const phase = typeof data.phase === 'number' || typeof data.phase === 'string' ? data.phase : null;
  return {
    id,
    title,
    status: scalar(data.status) ?? '',
    kind: scalar(data.kind) ?? 'spec',
    phase,
    domain: scalar(data.domain),
    owner: scalar(data.owner),
    tags: list(data.tags),
    dependsOn,
    reviewers: list(data.reviewers),
    code,
    created: scalar(data.created),
    updated: scalar(data.updated),
    extra,
    data,
    body,
    bodyLine,
    requirements,
    file,
    format,
    contentHash: contentHash({
      id, title, body, dependsOn, code,
      requirements: format === 'yaml' ? requirements.map((r) => ({ id: r.id, text: r.text })) : undefined,
    }),
  };
}

/** A primitive as a string (so `phase: 2` or `id: 123` still print), otherwise null. */
function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** A list of strings; a lone string is read as a one-item list so commands keep working. */
function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(scalar).filter((s): s is string => s !== null);
  const s = scalar(v);
  return s === null ? [] : [s];
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineOfText(text: string, needle: string, fromLine: number): number | null {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  return null;
}

function problem(code: ParseProblem['code'], file: string, line: number, column: number, message: string, fix: string): ParseResult {
  return { ok: false, problem: { code, file, line, column, message, fix } };
}
