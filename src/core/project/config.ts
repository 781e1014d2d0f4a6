import { isMissing, unreadable } from '../shared/read-file.js';
import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { lineOfKey } from '../shared/key-line.js';
import { loadYaml, describeYamlError } from '../shared/yaml.js';
import { relativePath, type ProjectPaths } from './paths.js';
import { DEFAULT_REQUIREMENT_ID_PATTERN } from '../spec/requirements.js';
import { unboundedPatternReason } from '../shared/user-regex.js';

/** `.sdd/config.yaml`, with defaults filled in. */
export interface Config {
  version: number;
  project: { name?: string };
  requirements: { idPattern: string };
  cache: { path: string };
  /** Which files drift scans for `@sdd` tags (see src/core/trace/). */
  code: CodeConfig;
  drift: { requireTests: boolean };
  /** The raw parsed document, for schema validation and for keys later features read. */
  raw: Record<string, unknown>;
}

export interface CodeConfig {
  /** Globs of the files to scan; null: every file git knows (tracked, or untracked and not ignored). */
  include: string[] | null;
  /** Globs left out (node_modules/ and .sdd/ always are). */
  exclude: string[];
  /** Globs of test files: their tags count as tests, and their test names are read. */
  tests: string[];
}

/** Where tests usually live, across languages. */
export const DEFAULT_TEST_GLOBS = [
  '**/*.test.*', '**/*.spec.*', '**/*_test.*', '**/*_spec.*', '**/test_*.py', '**/*Test.java', '**/*Tests.cs',
  'test/**', 'tests/**', '**/__tests__/**', 'spec/**',
];

export function defaultConfig(): Config {
  return {
    version: 1, project: {}, requirements: { idPattern: DEFAULT_REQUIREMENT_ID_PATTERN }, cache: { path: '.cache/sdd.db' },
    code: { include: null, exclude: [], tests: DEFAULT_TEST_GLOBS }, drift: { requireTests: false }, raw: {},
  };
}

// @sdd index-cache/IDX-001
/**
 * Reads `.sdd/config.yaml`. A missing file means defaults. Malformed YAML is a `config_invalid`
 * error naming the line; schema problems are reported by `validateConfig` (kept apart so that
 * fast read paths do not load ajv).
 */
export function readConfig(paths: ProjectPaths): Config {
  let text: string;
  try {
    text = fs.readFileSync(paths.configFile, 'utf8');
  } catch (err) {
    if (isMissing(err)) return defaultConfig();
    throw unreadable(err, relativePath(paths.root, paths.configFile));
  }
  const file = relativePath(paths.root, paths.configFile);
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (err) {
    const y = describeYamlError(err);
    if (!y) throw err;
    throw new SddError('config_invalid', `Malformed YAML in config: ${y.message}`, {
      target: { file, line: y.line, column: y.column },
      fix: 'Fix the YAML syntax at this line of .sdd/config.yaml.',
    });
  }
  if (data === null || data === undefined) return defaultConfig();
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new SddError('config_invalid', 'The config is not a mapping of keys to values', {
      target: { file, line: 1 },
      fix: 'Write .sdd/config.yaml as `key: value` lines, e.g. `version: 1`.',
    });
  }
  const raw = data as Record<string, unknown>;
  const base = defaultConfig();
  const req = (raw.requirements ?? {}) as Record<string, unknown>;
  const cache = (raw.cache ?? {}) as Record<string, unknown>;
  const project = (raw.project ?? {}) as Record<string, unknown>;
  const given = typeof req.id_pattern === 'string' ? req.id_pattern : base.requirements.idPattern;
  // A pattern that cannot be bounded is reported by `config-schema` (configProblems); until it
  // is fixed the default stands, so that no command hangs on it.
  const idPattern = unboundedPatternReason(given) ? base.requirements.idPattern : given;
  try {
    new RegExp(given);
  } catch (err) {
    throw new SddError('config_invalid', `requirements.id_pattern is not a valid regular expression: ${(err as Error).message}`, {
      target: { file, line: lineOfKey(text, 'id_pattern', { maxIndent: 8 }) ?? 1 },
      fix: 'Use a JavaScript regular expression such as `[A-Z][A-Z0-9]*-[0-9]+`.',
    });
  }
  const code = (raw.code ?? {}) as Record<string, unknown>;
  const drift = (raw.drift ?? {}) as Record<string, unknown>;
  return {
    version: typeof raw.version === 'number' ? raw.version : 1,
    project: { name: typeof project.name === 'string' ? project.name : undefined },
    requirements: { idPattern },
    // A path outside .sdd/ is reported by `config-schema` (configProblems) and never used: sdd
    // would create, rebuild and clear a database there, over whatever file the path names.
    cache: { path: typeof cache.path === 'string' && !cachePathProblem(cache.path) ? cache.path : base.cache.path },
    // Wrong shapes fall back to defaults here; `sdd validate` reports them at their line.
    code: {
      include: strings(code.include) ?? base.code.include,
      exclude: strings(code.exclude) ?? base.code.exclude,
      tests: strings(code.tests) ?? base.code.tests,
    },
    drift: { requireTests: drift.require_tests === true },
    raw,
  };
}

function strings(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}


/** A config value sdd refuses and replaces with its default, with where it is and how to fix it. */
export interface ConfigProblem {
  path: string[];
  message: string;
  fix: string;
}

/**
 * Why `value` cannot be the index's path, or null when it can: it must be relative and stay
 * inside `.sdd/`, so that the database sdd creates, rebuilds and deletes is never a user's file.
 */
export function cachePathProblem(value: string): string | null {
  if (value.trim() === '') return 'is empty';
  if (value.includes('\0')) return 'holds a NUL character';
  if (path.isAbsolute(value) || path.win32.isAbsolute(value) || value.startsWith('~')) return 'is an absolute path';
  const inside = path.posix.normalize(value.replace(/\\/g, '/'));
  if (inside === '..' || inside.startsWith('../')) return 'leads outside .sdd/';
  if (inside === '.' || inside.endsWith('/')) return 'names a folder, not a file';
  return null;
}

/** The values of `raw` (a parsed config.yaml) that readConfig refuses and replaces with defaults. */
export function configProblems(raw: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const cache = raw.cache as Record<string, unknown> | undefined;
  if (cache && typeof cache === 'object' && typeof cache.path === 'string') {
    const problem = cachePathProblem(cache.path);
    if (problem) problems.push({
      path: ['cache', 'path'],
      message: `cache.path "${cache.path}" ${problem}; the index stays at .sdd/.cache/sdd.db`,
      fix: 'Give cache.path relative to .sdd/, e.g. `.cache/sdd.db`, or remove the key.',
    });
  }
  const req = raw.requirements as Record<string, unknown> | undefined;
  if (req && typeof req === 'object' && typeof req.id_pattern === 'string') {
    const problem = unboundedPatternReason(req.id_pattern);
    if (problem) problems.push({
      path: ['requirements', 'id_pattern'],
      message: `requirements.id_pattern cannot be run with a time bound: ${problem}; the default pattern ${DEFAULT_REQUIREMENT_ID_PATTERN} is used`,
      fix: 'Rewrite the pattern without backreferences or lookarounds, in at most 500 characters.',
    });
  }
  return problems;
}
