import fs from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { createAjv } from '../shared/ajv.js';
import { makeFinding, sortFindings, type Finding } from '../check/findings.js';
import { Locations } from '../spec/locations.js';
import { relativePath, type ProjectPaths } from '../project/paths.js';
import { YamlLocator } from '../shared/yaml-locate.js';
import { constitutionVersion } from '../project/constitution.js';
import type { Config } from '../project/config.js';
import type { ParseProblem, Spec } from '../spec/parse.js';
import type { Rule, RuleSeverity } from './types.js';
import type { Governance } from '../governance/index.js';
import type { DriftReport } from '../drift/analyse.js';
import type { Trace } from '../trace/files.js';
import type { Verification } from '../governance/ssh.js';
import type { Git } from '../git/index.js';

export interface RuleSetting {
  severity: RuleSeverity;
  options: Record<string, unknown>;
}

export interface CheckInput {
  paths: ProjectPaths;
  config: Config;
  specs: Spec[];
  problems: ParseProblem[];
  /** Needed by rules with `usesGovernance`; see `withGovernance`. */
  governance?: Governance | null;
  /** Remembered signature verdicts (from the index), filled with new ones as they are made. */
  verified?: Map<string, Verification>;
  /** Code references from the index; scanned from disk when a drift rule needs them and they are absent. */
  trace?: Trace;
  /** Needed by rules with `usesDrift`; see `withGovernance`. */
  drift?: DriftReport | null;
  /** The git gateway for history-based rules (tampering, code drift). */
  git?: Git;
}

/** Loads governance data (and drift, which builds on it) into `input` when one of the enabled `rules` reads it. */
export async function withGovernance(input: CheckInput, rules: Rule[], settings: Map<string, RuleSetting>): Promise<CheckInput> {
  const enabled = (r: Rule) => settings.get(r.id)?.severity !== 'off';
  const needsDrift = !input.drift && rules.some((r) => r.usesDrift && enabled(r));
  if (!needsDrift && (input.governance || !rules.some((r) => r.usesGovernance && enabled(r)))) return input;
  let out = input;
  if (!out.governance) {
    const { loadGovernance } = await import('../governance/index.js');
    out = { ...out, governance: await loadGovernance(input.paths, input.config, input.specs, { verified: input.verified, git: input.git }) };
  }
  if (needsDrift) {
    const { scanCodeFiles } = await import('../trace/files.js');
    const { loadDrift } = await import('../drift/index.js');
    const trace = out.trace ?? (await scanCodeFiles(input.paths, input.config, input.git));
    out = { ...out, trace, drift: await loadDrift(input.paths, input.config, input.specs, out.governance!, trace, { git: input.git }) };
  }
  return out;
}

/** The config switches rule `id` off (`<id>: off` or `{severity: off}`), read without loading the rule. */
export function ruleSwitchedOff(config: Config, id: string): boolean {
  const setting = (config.raw.rules as Record<string, unknown> | undefined)?.[id];
  return setting === 'off' || (typeof setting === 'object' && setting !== null && (setting as { severity?: unknown }).severity === 'off');
}

const SEVERITIES = new Set(['error', 'warn', 'off']);
// Created on the first rule option to check: most configs set severities only.
let ajv: Ajv | undefined;
const optionValidators = new WeakMap<Rule, ValidateFunction>();

// @sdd checks/CHK-002
/**
 * Resolves each rule's severity and options from `rules:` in .sdd/config.yaml. A setting that
 * names an unknown rule or fails the rule's options schema is reported (rule `config-schema`, at
 * its line in the config) and the rule keeps its defaults, so one typo never silences a check.
 */
export function resolveSettings(paths: ProjectPaths, config: Config, rules: Rule[], knownIds: Set<string>): { settings: Map<string, RuleSetting>; findings: Finding[] } {
  const settings = new Map<string, RuleSetting>();
  for (const rule of rules) settings.set(rule.id, { severity: rule.defaultSeverity, options: { ...(rule.defaultOptions ?? {}) } });
  const findings: Finding[] = [];
  const raw = config.raw.rules;
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { settings, findings };

  const file = relativePath(paths.root, paths.configFile);
  let locator: YamlLocator | undefined;
  const at = (keyPath: Array<string | number>) => (locator ??= new YamlLocator(fs.readFileSync(paths.configFile, 'utf8'))).locate(['rules', ...keyPath]);
  const problem = (keyPath: Array<string | number>, message: string, fix: string) => {
    const pos = at(keyPath);
    findings.push(makeFinding({ ruleId: 'config-schema', severity: 'error', message, file, line: pos.line, column: pos.column, fix, key: `rules.${keyPath.join('.')}:${message}` }));
  };

  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!knownIds.has(id)) {
      problem([id], `Unknown rule \`${id}\` in the config`, 'Run `sdd rules` for the list of rule ids.');
      continue;
    }
    const rule = rules.find((r) => r.id === id);
    const setting = typeof value === 'string' ? { severity: value } : value;
    if (!setting || typeof setting !== 'object' || Array.isArray(setting)) {
      problem([id], `The setting of rule \`${id}\` must be error, warn, off, or a mapping with severity and options`, 'Write e.g. `no-placeholders: warn` or `required-sections: {severity: error, options: {...}}`.');
      continue;
    }
    const { severity, options, ...rest } = setting as Record<string, unknown>;
    for (const k of Object.keys(rest)) problem([id, k], `Unknown key \`${k}\` in the setting of rule \`${id}\``, 'A rule setting has only `severity` and `options`.');
    // A severity can be checked without loading the rule; options need its schema.
    const validSeverity = severity === undefined || (typeof severity === 'string' && SEVERITIES.has(severity));
    if (!validSeverity) problem(typeof value === 'string' ? [id] : [id, 'severity'], `Severity of rule \`${id}\` is ${JSON.stringify(severity)}, which is not one of: error, warn, off`, 'Use error, warn or off.');
    if (!rule) continue; // a known rule that this run does not load
    const current = settings.get(id)!;
    if (severity !== undefined && validSeverity) current.severity = severity as RuleSeverity;
    if (options !== undefined) {
      const issues = optionProblems(rule, options);
      if (issues.length === 0) current.options = { ...(rule.defaultOptions ?? {}), ...(options as Record<string, unknown>) };
      for (const issue of issues) problem([id, 'options', ...issue.path], `Option of rule \`${id}\`: ${issue.message}`, `See \`sdd rules ${id}\` for its options.`);
    }
  }
  return { settings, findings };
}

function optionProblems(rule: Rule, options: unknown): Array<{ path: Array<string | number>; message: string }> {
  if (!rule.optionsSchema) return [{ path: [], message: 'this rule takes no options' }];
  let validate = optionValidators.get(rule);
  if (!validate) optionValidators.set(rule, (validate = (ajv ??= createAjv({ strict: false })).compile(rule.optionsSchema)));
  if (validate(options)) return [];
  return (validate.errors ?? []).map((e) => {
    const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const message = `${path.length ? `\`${path.join('.')}\` ` : ''}${e.message ?? 'is invalid'}`;
    if (e.keyword !== 'additionalProperties') return { path, message };
    // Point at the unknown key itself, so the finding lands on its line.
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    return { path: [...path, key], message: `${message} \`${key}\`` };
  });
}

// @sdd checks/CHK-001, checks/CHK-002
/** Runs `rules` (those not switched off) over the project; findings come back sorted. */
export function runRules(input: CheckInput, rules: Rule[], settings: Map<string, RuleSetting>): Finding[] {
  const byId = new Map<string, Spec[]>();
  for (const spec of input.specs) {
    if (!spec.id) continue;
    const list = byId.get(spec.id);
    if (list) list.push(spec);
    else byId.set(spec.id, [spec]);
  }
  const locations = new Locations(input.paths.root);
  const version = constitutionVersion(input.paths);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = settings.get(rule.id) ?? { severity: rule.defaultSeverity, options: rule.defaultOptions ?? {} };
    if (setting.severity === 'off') continue;
    if (rule.usesGovernance && !input.governance) throw new Error(`rule ${rule.id} needs governance data: call withGovernance first`);
    if (rule.usesDrift && !input.drift) throw new Error(`rule ${rule.id} needs drift data: call withGovernance first`);
    const severity = setting.severity;
    rule.check({
      paths: input.paths, config: input.config, specs: input.specs, problems: input.problems, byId, options: setting.options,
      constitutionVersion: version,
      governance: input.governance ?? null,
      drift: input.drift ?? null,
      locate: (spec, keyPath) => locations.at(spec, keyPath),
      report: (r) => {
        const file = r.file ?? r.spec?.file ?? relativePath(input.paths.root, input.paths.configFile);
        findings.push(makeFinding({
          ruleId: rule.id, severity, message: r.message, file, line: Math.max(1, r.line), column: r.column, fix: r.fix,
          specId: r.spec?.id || undefined, key: r.key,
        }));
      },
    });
  }
  return sortFindings(findings);
}
