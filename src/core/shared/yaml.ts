import jsyaml from 'js-yaml';

/** A YAML syntax error with a 1-based position inside the parsed text. */
export interface YamlSyntaxError {
  message: string;
  line: number;
  column: number;
}

// @sdd spec-model/MODEL-004
/**
 * Parses YAML with the core schema: no timestamps, so dates stay strings and never leak into
 * ids or output as Date objects. js-yaml is several times faster than the `yaml` package for
 * plain loading (see scripts/bench-yaml.mjs); `yaml` is used where positions or round-trips matter.
 */
export function loadYaml(text: string): unknown {
  return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
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
