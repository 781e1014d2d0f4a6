import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadRule, RULE_IDS } from '../../src/core/rules/registry.js';
import { resolveSettings, runRules, withGovernance } from '../../src/core/rules/engine.js';
import { loadSpecs } from '../../src/core/spec/load.js';
import { projectPaths } from '../../src/core/project/paths.js';
import { readConfig } from '../../src/core/project/config.js';
import { sortFindings, type Finding } from '../../src/core/check/findings.js';
import { makeTempDir, writeFile } from './cli.js';

/** A fixture project for one rule run. */
export interface RuleProject {
  /** Spec files: path under .sdd/specs/ → text. */
  specs?: Record<string, string>;
  /** Any other files: path under the project root → text (e.g. `.sdd/constitution.md`). */
  files?: Record<string, string>;
  /** The rule's options, written to .sdd/config.yaml as `rules: {<id>: {options: …}}`. */
  options?: Record<string, unknown>;
  /** The rule's configured severity (written to the config with `options`). */
  severity?: string;
  /** The whole text of .sdd/config.yaml; takes the place of `options` and `severity`. */
  config?: string;
  /** Write into this existing folder (e.g. a prepared git repository) instead of a fresh temp dir. */
  root?: string;
}

export interface ExpectedFinding {
  /** Defaults to the rule under test. */
  ruleId?: string;
  /** A substring of the message, or a pattern it matches. */
  message: string | RegExp;
  line: number;
  /** null: the finding has no column. */
  column: number | null;
  /** Defaults to the file of the case's only spec. */
  file?: string;
  severity?: 'error' | 'warn';
}

export interface ValidCase extends RuleProject {
  name: string;
}

export interface InvalidCase extends ValidCase {
  /** Every finding, in the engine's order (file, line, column, rule, message). */
  errors: ExpectedFinding[];
}

/** The config text that sets one rule's severity and options. */
function ruleConfig(id: string, project: RuleProject): string | undefined {
  if (project.config !== undefined) return project.config;
  if (project.options === undefined && project.severity === undefined) return undefined;
  const setting: Record<string, unknown> = {};
  if (project.severity !== undefined) setting.severity = project.severity;
  if (project.options !== undefined) setting.options = project.options;
  // JSON is YAML, so the setting can be written as one flow mapping.
  return `version: 1\nrules:\n  ${id}: ${JSON.stringify(setting)}\n`;
}

/** Writes the fixture project into a fresh temp dir and returns its root. */
export function writeProject(id: string, project: RuleProject): string {
  const root = project.root ?? makeTempDir('sdd-rule-');
  fs.mkdirSync(path.join(root, '.sdd', 'specs'), { recursive: true });
  for (const [rel, text] of Object.entries(project.specs ?? {})) writeFile(root, path.join('.sdd', 'specs', rel), text);
  for (const [rel, text] of Object.entries(project.files ?? {})) writeFile(root, rel, text);
  const config = ruleConfig(id, project);
  if (config !== undefined) writeFile(root, '.sdd/config.yaml', config);
  return root;
}

/**
 * Runs one rule in-process, the way `sdd check` would: settings resolved from the config (their
 * problems come back as `config-schema` findings), specs loaded, the rule run. Findings are in
 * the engine's order (file, line, column, rule, message), the settings' problems included.
 */
export async function runRule(id: string, project: RuleProject): Promise<Finding[]> {
  const root = writeProject(id, project);
  const paths = projectPaths(root);
  const config = readConfig(paths);
  const rule = await loadRule(id);
  const { settings, findings } = resolveSettings(paths, config, [rule], new Set(RULE_IDS));
  const loaded = loadSpecs(paths, config);
  const input = await withGovernance({ paths, config, specs: loaded.specs, problems: loaded.problems }, [rule], settings);
  return sortFindings([...findings, ...runRules(input, [rule], settings)]);
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  ${f.ruleId} ${f.file}:${f.line}:${f.column ?? '-'} ${f.message}`).join('\n') || '  (none)';
}

/**
 * ESLint RuleTester style: each valid case must produce no finding, each invalid case exactly
 * the findings listed (rule, message, line and column).
 */
export function testRule(id: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${id}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const findings = await runRule(id, c);
        assert.equal(findings.length, 0, `expected no findings, got:\n${describeFindings(findings)}`);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const findings = await runRule(id, c);
        const shown = `got:\n${describeFindings(findings)}`;
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), ${shown}`);
        const onlySpec = Object.keys(c.specs ?? {}).length === 1 ? `.sdd/specs/${Object.keys(c.specs!)[0]}` : undefined;
        c.errors.forEach((want, i) => {
          const got = findings[i];
          const where = `finding ${i + 1}; ${shown}`;
          assert.equal(got.ruleId, want.ruleId ?? id, where);
          if (typeof want.message === 'string') assert.ok(got.message.includes(want.message), `message should contain ${JSON.stringify(want.message)}; ${where}`);
          else assert.match(got.message, want.message, where);
          assert.equal(got.line, want.line, `line; ${where}`);
          assert.equal(got.column, want.column ?? undefined, `column; ${where}`);
          const file = want.file ?? ((want.ruleId ?? id) === 'config-schema' ? '.sdd/config.yaml' : onlySpec);
          if (file !== undefined) assert.equal(got.file, file, `file; ${where}`);
          if (want.severity) assert.equal(got.severity, want.severity, `severity; ${where}`);
          assert.match(got.fingerprint, /^[0-9a-f]{32}$/);
        });
        const prints = findings.map((f) => f.fingerprint);
        assert.equal(new Set(prints).size, prints.length, `fingerprints must be distinct; ${shown}`);
      });
    }
  });
}

/** A markdown spec from front-matter lines and body lines; the body starts on line `front.length + 3`. */
export function md(front: string[], body: string[] = []): string {
  return ['---', ...front, '---', ...body].join('\n') + '\n';
}

/**
 * Asserts that `after` (the `before` project with unrelated edits, such as lines added above the
 * findings) yields the same findings with the same fingerprints, at moved lines.
 */
export async function assertStableFingerprints(id: string, before: RuleProject, after: RuleProject): Promise<void> {
  const a = await runRule(id, before);
  const b = await runRule(id, after);
  assert.ok(a.length > 0, 'the project has findings');
  assert.equal(b.length, a.length, `got:\n${describeFindings(b)}`);
  assert.ok(a.some((f, i) => f.line !== b[i].line), 'the edit moves the findings');
  assert.deepEqual(b.map((f) => f.fingerprint).sort(), a.map((f) => f.fingerprint).sort());
}
