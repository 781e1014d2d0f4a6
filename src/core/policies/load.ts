import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject } from 'ajv';
import { makeFinding, type Finding } from '../check/findings.js';
import { PACKAGE_ROOT } from '../project/package-info.js';
import { parseQuery, QuerySyntaxError, type QueryNode } from '../query/parser.js';
import { closest } from '../spec/lookup.js';
import { describeYamlError, loadYaml } from '../shared/yaml.js';
import { schemaValidator } from '../shared/schema.js';
import { YamlLocator } from '../shared/yaml-locate.js';
import type { Condition, FieldTest, Pattern, Policy } from './types.js';

/** Rule id of every problem with policies.yaml itself (as opposed to a spec failing a policy). */
export const POLICY_CONFIG_RULE = 'policy-config';

export const CONDITION_KEYS = ['all', 'any', 'not', 'field', 'section', 'body', 'requirement', 'requirements', 'title'] as const;

/** Absolute path of the shipped JSON Schema of policies.yaml, for `$schema` comments. */
export function policiesSchemaPath(): string {
  return `${PACKAGE_ROOT}schemas/policies.schema.json`;
}

let definitions: Record<string, object> | undefined;

/**
 * Whether ajv raised `e` for a keyword written directly in definition `name` of
 * policies.schema.json. Inside a `$ref` the error's schemaPath starts again at the definition,
 * so the definition itself is compared; the file is read only when there are errors.
 */
function raisedIn(e: ErrorObject, name: string): boolean {
  definitions ??= (JSON.parse(fs.readFileSync(policiesSchemaPath(), 'utf8')) as { definitions: Record<string, object> }).definitions;
  return isDeepStrictEqual(e.parentSchema, definitions[name]);
}

type KeyPath = Array<string | number>;

/** Collects `policy-config` findings, each placed at a key of policies.yaml. */
class ConfigProblems {
  readonly findings: Finding[] = [];
  private locator?: YamlLocator;

  constructor(private readonly text: string, private readonly file: string) {}

  locate(path: KeyPath): { line: number; column: number } {
    this.locator ??= new YamlLocator(this.text);
    return this.locator.locate(path);
  }

  report(path: KeyPath, message: string, fix: string, key: string): void {
    const pos = this.locate(path);
    this.findings.push(makeFinding({ ruleId: POLICY_CONFIG_RULE, severity: 'error', message, file: this.file, line: pos.line, column: pos.column, fix, key }));
  }
}

// @sdd checks/CHK-003
/**
 * Reads .sdd/policies.yaml (`file` is absolute, `displayFile` project-relative and used in
 * findings). A missing file means no policies. Every problem — YAML syntax, schema violations,
 * regexes that do not compile, scopes that do not parse, duplicate ids — is a `policy-config`
 * error at the offending key; the policies concerned are dropped and the others kept.
 */
export function loadPolicies(file: string, displayFile: string): { policies: Policy[]; findings: Finding[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { policies: [], findings: [] };
    const finding = makeFinding({
      ruleId: POLICY_CONFIG_RULE, severity: 'error', file: displayFile, line: 1, key: 'read',
      message: `Cannot read the policies file: ${(err as Error).message}`,
      fix: `Make ${displayFile} a readable YAML file, or remove it.`,
    });
    return { policies: [], findings: [finding] };
  }

  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (err) {
    const y = describeYamlError(err);
    if (!y) throw err;
    const finding = makeFinding({
      ruleId: POLICY_CONFIG_RULE, severity: 'error', file: displayFile, line: y.line, column: y.column, key: 'yaml-syntax',
      message: `Malformed YAML in the policies file: ${y.message}`,
      fix: 'Fix the YAML syntax at this line (check indentation, quotes and colons).',
    });
    return { policies: [], findings: [finding] };
  }
  // An empty file (or one holding only comments) declares no policies.
  if (data === null || data === undefined) return { policies: [], findings: [] };

  const problems = new ConfigProblems(text, displayFile);
  const invalid = new Set<number>();
  for (const issue of schemaIssues(data)) {
    problems.report(issue.path, issue.message, issue.fix, issue.key);
    if (issue.path[0] === 'policies' && typeof issue.path[1] === 'number') invalid.add(issue.path[1]);
  }
  const items = Array.isArray(data) ? undefined : (data as { policies?: unknown }).policies;
  if (!Array.isArray(items)) return { policies: [], findings: problems.findings };

  markDuplicates(items, problems, invalid);
  const policies: Policy[] = [];
  items.forEach((item, i) => {
    if (invalid.has(i)) return;
    const policy = compilePolicy(item as RawPolicy, i, displayFile, problems);
    if (policy) policies.push(policy);
  });
  return { policies, findings: problems.findings };
}

interface RawPolicy {
  id: string;
  description?: string;
  severity?: 'error' | 'warn';
  message?: string;
  fix?: string;
  scope?: string;
  require: Record<string, unknown>;
}

/** Reports every use of an id after its first; those policies are dropped. */
function markDuplicates(items: unknown[], problems: ConfigProblems, invalid: Set<number>): void {
  const first = new Map<string, number>();
  const repeats = new Map<string, number>();
  items.forEach((item, i) => {
    const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, i);
      return;
    }
    const repeat = (repeats.get(id) ?? 0) + 1;
    repeats.set(id, repeat);
    invalid.add(i);
    const line = problems.locate(['policies', earlier]).line;
    problems.report(['policies', i, 'id'], `Policy id \`${id}\` is already used by the policy at line ${line}; this one is ignored`,
      'Give each policy its own id: the id names its findings (`policy/<id>`) and baselines depend on it.', `duplicate:${id}:${repeat}`);
  });
}

/** Turns a schema-valid policy into a Policy, or reports why it cannot be used. */
function compilePolicy(raw: RawPolicy, index: number, file: string, problems: ConfigProblems): Policy | null {
  const base: KeyPath = ['policies', index];
  const before = problems.findings.length;
  const require = compileCondition(raw.require, [...base, 'require'], raw.id, problems);
  let scopeQuery: QueryNode | undefined;
  if (raw.scope !== undefined) {
    try {
      scopeQuery = parseQuery(raw.scope);
    } catch (err) {
      if (!(err instanceof QuerySyntaxError)) throw err;
      problems.report([...base, 'scope'], `Policy \`${raw.id}\`: invalid scope query: ${err.message} (at character ${err.offset + 1} of ${JSON.stringify(raw.scope)})`,
        'Write the scope in the `sdd query` language, e.g. "domain:payments AND status:approved"; try it with `sdd query`. Quote values that contain spaces.', `scope:${raw.id}`);
    }
  }
  if (problems.findings.length > before) return null;
  return {
    id: raw.id,
    ruleId: `policy/${raw.id}`,
    description: raw.description,
    severity: raw.severity ?? 'error',
    message: raw.message ?? raw.description ?? `The spec does not satisfy policy \`${raw.id}\``,
    fix: raw.fix,
    scope: raw.scope,
    scopeQuery,
    require,
    file,
    line: problems.locate(base).line,
  };
}

function compileCondition(raw: Record<string, unknown>, path: KeyPath, policyId: string, problems: ConfigProblems): Condition {
  const [key, value] = Object.entries(raw)[0] as [(typeof CONDITION_KEYS)[number], unknown];
  const at = [...path, key];
  const pattern = (source: string, flags: string | undefined, sourceKey: string) => compilePattern(source, flags, at, sourceKey, policyId, problems);
  switch (key) {
    case 'all':
    case 'any':
      return { type: key, conditions: (value as Array<Record<string, unknown>>).map((c, i) => compileCondition(c, [...at, i], policyId, problems)) };
    case 'not':
      return { type: 'not', condition: compileCondition(value as Record<string, unknown>, at, policyId, problems) };
    case 'section':
      return { type: 'section', heading: value as string };
    case 'field': {
      const f = value as { name: string; equals?: unknown; in?: unknown[]; matches?: string; flags?: string; exists?: boolean };
      let test: FieldTest;
      if (f.equals !== undefined) test = { op: 'equals', value: String(f.equals) };
      else if (f.in !== undefined) test = { op: 'in', values: f.in.map(String) };
      else if (f.matches !== undefined) test = { op: 'matches', pattern: pattern(f.matches, f.flags, 'matches') };
      else test = { op: 'exists', value: f.exists === true };
      return { type: 'field', name: f.name, test };
    }
    case 'requirements': {
      const r = value as { all_match: string; flags?: string };
      return { type: 'requirements', pattern: pattern(r.all_match, r.flags, 'all_match') };
    }
    default: {
      const p = value as { matches: string; flags?: string };
      return { type: key, pattern: pattern(p.matches, p.flags, 'matches') };
    }
  }
}

/** Checks that the regex compiles here, so the worker that runs it never meets a syntax error. */
function compilePattern(source: string, flags: string | undefined, path: KeyPath, sourceKey: string, policyId: string, problems: ConfigProblems): Pattern {
  const pos = problems.locate([...path, sourceKey]);
  try {
    new RegExp(source, flags);
  } catch (err) {
    const flagsAtFault = flags !== undefined && compiles(source);
    problems.report(flagsAtFault ? [...path, 'flags'] : [...path, sourceKey], `Policy \`${policyId}\`: ${(err as Error).message}`,
      flagsAtFault
        ? 'Use each of the flags i, m, s, u at most once.'
        : 'Write a JavaScript regular expression and escape special characters such as ( [ { . * + ? with a backslash. In a double-quoted YAML string one backslash is written "\\\\"; in a single-quoted one, \'\\\'.',
      `regex:${policyId}:${path.slice(2).join('.')}`);
  }
  return { source, flags: flags ?? '', line: pos.line, column: pos.column };
}

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

interface SchemaIssue {
  path: KeyPath;
  message: string;
  fix: string;
  key: string;
}

const SCHEMA_FIX = 'See the policies file format in README.md; your editor can complete keys from schemas/policies.schema.json.';
const CONDITION_FIX = `A condition is a mapping with exactly one of: ${CONDITION_KEYS.join(', ')}. Combine several with \`all: [...]\` or \`any: [...]\`.`;

/** Schema violations in plain words, one per problem (ajv's per-branch noise under oneOf is dropped). */
function schemaIssues(data: unknown): SchemaIssue[] {
  const validate = schemaValidator('policies');
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  const unknownKeyAt = new Set(errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (oneOfs.some((o) => o !== e && o.instancePath === e.instancePath && e.schemaPath.startsWith(`${o.schemaPath}/`))) continue;
    // `field: {name: x, exist: true}` misses an operator only because of the typo; report the typo alone.
    if (e.keyword === 'oneOf' && unknownKeyAt.has(e.instancePath)) continue;
    const issue = describe(e, data);
    if (seen.has(issue.key)) continue;
    seen.add(issue.key);
    issues.push(issue);
  }
  return issues;
}

function describe(e: ErrorObject, data: unknown): SchemaIssue {
  const path: KeyPath = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const inPolicy = path[0] === 'policies' && typeof path[1] === 'number';
  const rel = inPolicy ? path.slice(2) : path;
  const owner = inPolicy ? policyLabel(data, path[1] as number) : '';
  const prefix = owner ? `${owner}: ` : '';
  const name = keyName(rel);
  const subject = name ? `\`${name}\`` : inPolicy ? 'the policy' : 'the file';
  const shown = JSON.stringify(valueAt(data, path));
  // Keyed by the policy's id rather than its position, so the fingerprint survives moving it.
  const issue = (at: KeyPath, kind: string, message: string, fix = SCHEMA_FIX): SchemaIssue =>
    ({ path: at, message: prefix + message, fix, key: `${kind}:${owner}:${rel.join('.')}:${message}` });
  const isCondition = raisedIn(e, 'condition');

  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      if (!inPolicy && path.length === 0) return issue(path, 'required', 'the file has no `policies:` list', 'Start the file with `policies:` followed by a list of policies.');
      return issue(path, 'required', `${subject} has no \`${missing}\``);
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      if (isCondition) {
        const near = closest(extra, CONDITION_KEYS);
        return issue([...path, extra], 'unknown-condition', `unknown condition \`${extra}\`${near.length ? ` (did you mean \`${near[0]}\`?)` : ''}`, CONDITION_FIX);
      }
      const near = closest(extra, Object.keys((e.parentSchema as { properties?: object }).properties ?? {}));
      return issue([...path, extra], 'unknown-key', `unknown key \`${keyName([...rel, extra])}\`${near.length ? ` (did you mean \`${near[0]}\`?)` : ''}`);
    }
    case 'type':
      return issue(path, 'type', `${subject} must be ${article((e.params as { type: string | string[] }).type)}, not ${typeName(valueAt(data, path))}`);
    case 'enum':
      return issue(path, 'enum', `\`${name}\` is ${shown}, which is not one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`);
    case 'pattern':
      if (rel[rel.length - 1] === 'flags') return issue(path, 'pattern', `\`${name}\` is ${shown}; allowed flags are i, m, s and u`, 'Remove other flags: g and y would make repeated tests depend on each other.');
      return issue(path, 'pattern', `\`${name}\` is ${shown}, which is not a slug (lower-case letters, digits and single hyphens, e.g. \`payments-security\`)`);
    case 'minItems':
      return issue(path, 'min-items', `\`${name}\` is empty; list at least one ${rel[rel.length - 1] === 'in' ? 'value' : 'condition'}`);
    case 'minLength':
      return issue(path, 'empty', `\`${name}\` must not be empty`);
    case 'minProperties':
      return issue(path, 'empty-condition', `\`${name}\` is an empty condition`, CONDITION_FIX);
    case 'maxProperties': {
      const keys = Object.keys(valueAt(data, path) as object);
      return issue(path, 'several-conditions', `\`${name}\` has ${keys.length} keys (${keys.join(', ')}), but a condition has exactly one`, CONDITION_FIX);
    }
    case 'oneOf':
      if (!raisedIn(e, 'field')) return issue(path, 'one-of', `${subject} ${e.message ?? 'is invalid'}`);
      return issue(path, 'field-test', `\`${name}\` needs exactly one of equals, in, matches, exists`,
        'Write e.g. `field: {name: owner, exists: true}` or `field: {name: tags, in: [pci, gdpr]}`.');
    case 'dependencies':
      return issue([...path, 'flags'], 'flags', `\`${name}.flags\` applies only to \`matches\``, 'Remove `flags`, or test the field with `matches`.');
    default:
      return issue(path, e.keyword, `${subject} ${e.message ?? 'is invalid'}`);
  }
}

function policyLabel(data: unknown, index: number): string {
  const id = (valueAt(data, ['policies', index, 'id']));
  return typeof id === 'string' && id ? `Policy \`${id}\`` : `Policy ${index + 1}`;
}

function keyName(path: KeyPath): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function valueAt(data: unknown, path: KeyPath): unknown {
  let cur = data;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v} (${JSON.stringify(v)})`;
}

function article(t: string | string[]): string {
  const words: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'a string', number: 'a number', boolean: 'true or false' };
  return (Array.isArray(t) ? t : [t]).map((x) => words[x] ?? x).join(' or ');
}
