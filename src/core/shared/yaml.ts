import jsyaml from 'js-yaml';

/** A YAML syntax error with a 1-based position inside the parsed text. */
export interface YamlSyntaxError {
  message: string;
  line: number;
  column: number;
}

/** How much one YAML document may hold once its aliases are expanded. */
export interface YamlLimits {
  /** Values (mappings, sequences, scalars, keys) counted with every alias expanded. */
  maxValues: number;
  /** Characters of string values, counted with every alias expanded. */
  maxChars: number;
}

/**
 * Generous for any config or governance file, and far below what makes serialising a document
 * (JSON.stringify, the index) run out of memory: a 400-byte billion-laughs document expands to
 * billions of values, and is refused here in microseconds.
 */
export const DEFAULT_YAML_LIMITS: YamlLimits = { maxValues: 200_000, maxChars: 32 * 1024 * 1024 };

// @sdd spec-model/MODEL-004
/**
 * Parses YAML with the core schema: no timestamps, so dates stay strings and never leak into
 * ids or output as Date objects. js-yaml is several times faster than the `yaml` package for
 * plain loading (see scripts/bench-yaml.mjs); `yaml` is used where positions or round-trips matter.
 * A document that nests too deeply, or whose aliases expand past `limits`, throws a YAMLException
 * like any syntax error, so every reader reports it as a problem of that one file.
 */
export function loadYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): unknown {
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch (err) {
    if (err instanceof RangeError) throw yamlLimitError(text, 'The document nests too deeply (maximum call stack size exceeded)', null);
    throw err;
  }
  const over = overLimits(data, limits);
  if (over) throw yamlLimitError(text, over, /[&*][A-Za-z0-9_]/);
  return data;
}

/**
 * Counts what `data` holds with aliases expanded, without expanding them: js-yaml hands an alias
 * back as the very object it names, so each object's expanded size is computed once and reused.
 */
function overLimits(data: unknown, limits: YamlLimits): string | null {
  const sizes = new Map<object, { values: number; chars: number }>();
  const cap = (n: number, max: number) => Math.min(n, max + 1);
  const size = (v: unknown): { values: number; chars: number } => {
    if (typeof v === 'string') return { values: 1, chars: v.length };
    if (v === null || typeof v !== 'object') return { values: 1, chars: 0 };
    const known = sizes.get(v);
    if (known) return known;
    // Placed first so that a cycle (not possible from js-yaml, but cheap to guard) ends.
    const total = { values: 1, chars: 0 };
    sizes.set(v, total);
    const entries: unknown[] = Array.isArray(v) ? v : Object.entries(v).flat();
    for (const item of entries) {
      const s = size(item);
      total.values = cap(total.values + s.values, limits.maxValues);
      total.chars = cap(total.chars + s.chars, limits.maxChars);
      if (total.values > limits.maxValues || total.chars > limits.maxChars) break;
    }
    return total;
  };
  const total = size(data);
  if (total.values > limits.maxValues) return `The document holds more than ${limits.maxValues.toLocaleString('en-US')} values (keys, items and scalars, with aliases expanded)`;
  if (total.chars > limits.maxChars) return `The document holds more than ${(limits.maxChars / 1024 / 1024).toLocaleString('en-US')} MB of text (with aliases expanded)`;
  return null;
}

/** A YAMLException at the first line that matches `at` (an anchor or alias), or line 1. */
function yamlLimitError(text: string, reason: string, at: RegExp | null): jsyaml.YAMLException {
  const index = at ? Math.max(0, text.search(at)) : 0;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const column = index - (before.lastIndexOf('\n') + 1);
  const err = new jsyaml.YAMLException(reason);
  (err as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark = { line, column } as never;
  return err;
}

// @sdd validation/VAL-001
/** Turns a js-yaml exception into a message and a 1-based position. */
export function describeYamlError(err: unknown): YamlSyntaxError | null {
  if (!(err instanceof jsyaml.YAMLException)) return null;
  const mark = (err as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
  return {
    message: err.reason ? capitalise(err.reason) : 'Invalid YAML',
    line: (mark?.line ?? 0) + 1,
    column: (mark?.column ?? 0) + 1,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
