import { makeFinding, type Finding } from '../check/findings.js';
import type { Spec } from '../spec/parse.js';
import type { Position } from '../shared/yaml-locate.js';
import { POLICY_CONFIG_RULE } from './load.js';
import { MATCHED, runRegexTests, type RegexFailure } from './regex-runner.js';
import { findHeading, titleLine } from './sections.js';
import type { Condition, Pattern, Policy } from './types.js';

/** How long one regex test may run before its policy is skipped. */
export const DEFAULT_REGEX_TIMEOUT_MS = 1000;

/** Budget of all policy regexes of one check together, in milliseconds. */
export const DEFAULT_POLICY_BUDGET_MS = 20_000;

type KeyPath = Array<string | number>;

export interface EvaluateOptions {
  /** Files of the specs `policy` applies to (its `scope`, run by the caller), or null for all. */
  inScope(policy: Policy): Set<string> | null;
  /** Budget of one regex test on one text, in milliseconds. Default 1000. */
  timeoutMs?: number;
  /** Budget of every regex test of the run together, in milliseconds. Default 20,000. */
  totalMs?: number;
  /** Position of a front-matter key in a spec file; lets findings about a field point at it. */
  locate?(spec: Spec, keyPath: KeyPath): Position;
}

/**
 * Checks every spec in each policy's scope against the policy's `require` condition and returns
 * one finding (rule `policy/<id>`) per failing spec. Regexes run in a worker thread with a time
 * budget per test: a policy whose regex overruns it on some spec is skipped with a
 * `policy-config` error at the regex, and the other policies still run.
 *
 * A finding's line is the most specific evidence the condition tree gives: a requirement that a
 * `not: {requirement: …}` matched or that broke `requirements: {all_match: …}`, a heading that a
 * `not: {section: …}` found, the front-matter key of a failing `field` or `title` test (when
 * `locate` is given); otherwise — a missing section, a body that does not match — the spec's
 * `# Title` heading, or line 1.
 */
export async function evaluatePolicies(policies: Policy[], specs: Spec[], opts: EvaluateOptions): Promise<Finding[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_REGEX_TIMEOUT_MS;
  const scoped = policies.map((policy) => {
    const files = opts.inScope(policy);
    return files ? specs.filter((s) => files.has(s.file)) : specs;
  });

  const plan = new TestPlan();
  policies.forEach((policy, i) => {
    for (const spec of scoped[i]) plan.collect(policy.require, spec);
    plan.endGroup();
  });
  const { results, failures } = plan.size > 0
    ? await runRegexTests(plan.job(), timeoutMs, opts.totalMs ?? DEFAULT_POLICY_BUDGET_MS)
    : { results: new Uint8Array(0), failures: [] as RegexFailure[] };

  const findings: Finding[] = [];
  const skipped = new Set<number>();
  for (const failure of failures) {
    skipped.add(failure.group);
    findings.push(regexFailureFinding(policies[failure.group], plan, failure, timeoutMs, opts.totalMs ?? DEFAULT_POLICY_BUDGET_MS));
  }
  const matches = (pattern: Pattern, text: string) => results[plan.lookup(pattern, text)] === MATCHED;
  policies.forEach((policy, i) => {
    if (skipped.has(i)) return;
    for (const spec of scoped[i]) {
      const outcome = evaluateCondition(policy.require, spec, matches);
      if (!outcome.ok) findings.push(violation(policy, spec, outcome.where, opts.locate));
    }
  });
  return findings;
}

/** Where the evidence for a condition's outcome is: a line in the spec, or a front-matter key. */
type Where = { line: number; column?: number } | { keyPath: KeyPath };

export interface Outcome {
  ok: boolean;
  where?: Where;
}

export type Matcher = (pattern: Pattern, text: string) => boolean;

// @sdd checks/CHK-003
/** Evaluates a condition on a spec; `matches` answers the regex tests. */
export function evaluateCondition(c: Condition, spec: Spec, matches: Matcher): Outcome {
  switch (c.type) {
    case 'all':
      for (const child of c.conditions) {
        const o = evaluateCondition(child, spec, matches);
        if (!o.ok) return o;
      }
      return { ok: true };
    case 'any':
      for (const child of c.conditions) {
        const o = evaluateCondition(child, spec, matches);
        if (o.ok) return o;
      }
      return { ok: false };
    case 'not': {
      // What proved the inner condition true is exactly what makes the `not` fail.
      const o = evaluateCondition(c.condition, spec, matches);
      return { ok: !o.ok, where: o.where };
    }
    case 'section': {
      const line = findHeading(spec, c.heading);
      return line === null ? { ok: false } : { ok: true, where: { line } };
    }
    case 'body':
      return { ok: matches(c.pattern, spec.body) };
    case 'title':
      return { ok: matches(c.pattern, spec.title), where: 'title' in spec.data ? { keyPath: ['title'] } : undefined };
    case 'requirement': {
      const hit = spec.requirements.find((r) => matches(c.pattern, r.text));
      return hit ? { ok: true, where: { line: hit.line, column: hit.column } } : { ok: false };
    }
    case 'requirements': {
      const miss = spec.requirements.find((r) => !matches(c.pattern, r.text));
      return miss ? { ok: false, where: { line: miss.line, column: miss.column } } : { ok: true };
    }
    case 'field':
      return evaluateField(c, spec, matches);
  }
}

function evaluateField(c: Extract<Condition, { type: 'field' }>, spec: Spec, matches: Matcher): Outcome {
  const raw = spec.data[c.name];
  const present = raw !== undefined;
  const atKey: Where | undefined = present ? { keyPath: [c.name] } : undefined;
  if (c.test.op === 'exists') {
    return { ok: isSet(raw) === c.test.value, where: atKey };
  }
  const test = c.test;
  const hit = fieldItems(raw, c.name).find(({ text }) =>
    test.op === 'equals' ? text === test.value : test.op === 'in' ? test.values.includes(text) : matches(test.pattern, text));
  return hit ? { ok: true, where: { keyPath: hit.keyPath } } : { ok: false, where: atKey };
}

/** Set means: present, and neither null, an empty string nor an empty list. */
function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** A field's scalar values as text: a list's items one by one, a lone value as itself. */
function fieldItems(raw: unknown, name: string): Array<{ text: string; keyPath: KeyPath }> {
  const items: Array<{ text: string; keyPath: KeyPath }> = [];
  const add = (v: unknown, keyPath: KeyPath) => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') items.push({ text: String(v), keyPath });
  };
  if (Array.isArray(raw)) raw.forEach((v, i) => add(v, [name, i]));
  else add(raw, [name]);
  return items;
}

/**
 * Every regex test the conditions could ask for, listed up front so one worker runs them all;
 * evaluation then reads the answers. Tests are grouped per policy so that a runaway regex can be
 * skipped together with the rest of its policy. Equal texts are stored once.
 */
class TestPlan {
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  private readonly patterns: Pattern[] = [];
  /** Per pattern: its index in `patterns`, and the test of each text id. */
  private readonly testsByPattern = new Map<Pattern, { id: number; byText: Map<number, number> }>();
  private readonly pairs: number[] = [];
  private readonly groupEnds: number[] = [];
  /** The first spec that needed each test, to name it when the test overruns. */
  readonly specOf: Spec[] = [];

  get size(): number {
    return this.specOf.length;
  }

  collect(c: Condition, spec: Spec): void {
    switch (c.type) {
      case 'all':
      case 'any':
        for (const child of c.conditions) this.collect(child, spec);
        return;
      case 'not':
        this.collect(c.condition, spec);
        return;
      case 'body':
        this.add(c.pattern, spec.body, spec);
        return;
      case 'title':
        this.add(c.pattern, spec.title, spec);
        return;
      case 'requirement':
      case 'requirements':
        for (const r of spec.requirements) this.add(c.pattern, r.text, spec);
        return;
      case 'field':
        if (c.test.op === 'matches') for (const item of fieldItems(spec.data[c.name], c.name)) this.add(c.test.pattern, item.text, spec);
        return;
      case 'section':
        return;
    }
  }

  endGroup(): void {
    this.groupEnds.push(this.size);
  }

  lookup(pattern: Pattern, text: string): number {
    const test = this.testsByPattern.get(pattern)?.byText.get(this.textIds.get(text) ?? -1);
    if (test === undefined) throw new Error(`Regex test /${pattern.source}/ was not planned`);
    return test;
  }

  job() {
    const tests = new Int32Array(new SharedArrayBuffer(Math.max(4, this.pairs.length * 4)), 0, this.pairs.length);
    tests.set(this.pairs);
    return { patterns: this.patterns.map((p) => ({ source: p.source, flags: p.flags })), texts: this.texts, tests, groupEnds: this.groupEnds };
  }

  patternOf(test: number): Pattern {
    return this.patterns[this.pairs[2 * test]];
  }

  private add(pattern: Pattern, text: string, spec: Spec): void {
    let entry = this.testsByPattern.get(pattern);
    if (!entry) {
      entry = { id: this.patterns.push(pattern) - 1, byText: new Map() };
      this.testsByPattern.set(pattern, entry);
    }
    let textId = this.textIds.get(text);
    if (textId === undefined) {
      textId = this.texts.push(text) - 1;
      this.textIds.set(text, textId);
    }
    if (entry.byText.has(textId)) return;
    entry.byText.set(textId, this.size);
    this.pairs.push(entry.id, textId);
    this.specOf.push(spec);
  }
}

function violation(policy: Policy, spec: Spec, where: Where | undefined, locate: EvaluateOptions['locate']): Finding {
  let pos: { line: number; column?: number };
  if (where && 'line' in where) pos = where;
  else if (where && locate) pos = locate(spec, where.keyPath);
  else pos = { line: titleLine(spec) };
  return makeFinding({
    ruleId: policy.ruleId,
    severity: policy.severity,
    message: policy.message,
    file: spec.file,
    line: pos.line,
    column: pos.column,
    specId: spec.id || undefined,
    fix: policy.fix ?? `Change the spec so that it satisfies policy \`${policy.id}\` (${policy.file}:${policy.line}).`,
    key: policy.id,
  });
}

function regexFailureFinding(policy: Policy, plan: TestPlan, failure: RegexFailure, timeoutMs: number, totalMs: number): Finding {
  if (failure.reason === 'budget') {
    return makeFinding({
      ruleId: POLICY_CONFIG_RULE,
      severity: 'error',
      message: `Policy \`${policy.id}\` was not evaluated: the policies' regexes used up their budget of ${totalMs / 1000} s for one check`,
      file: policy.file,
      line: policy.line,
      column: 1,
      fix: 'Make slow regexes cheaper (anchors, specific character classes, no nested quantifiers), narrow policies with `scope`, or split them.',
      key: `regex-budget:${policy.id}`,
    });
  }
  const pattern = plan.patternOf(failure.test);
  const specFile = plan.specOf[failure.test].file;
  const shown = `/${pattern.source}/${pattern.flags}`;
  const message = failure.reason === 'timeout'
    ? `Policy \`${policy.id}\`: the regex ${shown} took longer than ${timeoutMs} ms on ${specFile}; the policy was skipped`
    : `Policy \`${policy.id}\`: the regex ${shown} failed on ${specFile} (${failure.message}); the policy was skipped`;
  return makeFinding({
    ruleId: POLICY_CONFIG_RULE,
    severity: 'error',
    message,
    file: policy.file,
    line: pattern.line,
    column: pattern.column,
    fix: 'Rewrite the regex so it cannot backtrack catastrophically: avoid nested quantifiers such as (a+)+ and alternatives that match the same text such as (a|a)*; prefer specific character classes and anchors.',
    key: `regex-${failure.reason}:${policy.id}:${pattern.source}`,
  });
}
