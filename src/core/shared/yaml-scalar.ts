import { Document, Scalar } from 'yaml';
import { loadYaml } from './yaml.js';

// @sdd spec-authoring/NEW-005
/**
 * A string as a one-line YAML scalar, the one way sdd writes values into YAML (templates, spec
 * edits): bare when YAML reads it back unchanged (`auth`, `User login`, `2024-05-17`), otherwise
 * double-quoted as JSON, which YAML reads verbatim (line breaks escaped, so it stays one line).
 * `quoting` keeps the style of a value being replaced when it was quoted and can hold the text.
 */
export function yamlScalar(value: string, quoting?: Scalar.Type): string {
  const oneLine = !value.includes('\n') && !value.includes('\r');
  if (oneLine && (quoting === 'QUOTE_SINGLE' || quoting === 'QUOTE_DOUBLE')) {
    const scalar = new Scalar(value);
    scalar.type = quoting;
    return new Document(scalar).toString({ lineWidth: 0 }).replace(/\r?\n$/, '');
  }
  if (/^[\p{L}\p{N}][^\n#:,\[\]{}"']*$/u.test(value) && value.trim() === value) {
    try {
      if ((loadYaml(`k: ${value}`) as { k: unknown }).k === value) return value;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(value);
}
