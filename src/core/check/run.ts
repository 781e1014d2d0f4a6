import { resolveSettings, runRules, withGovernance, type CheckInput } from '../rules/engine.js';
import { loadRules, RULE_IDS } from '../rules/registry.js';
import { sortFindings, type Finding } from './findings.js';
import type { RuleMeta } from '../rules/types.js';

export interface CheckResult {
  findings: Finding[];
  /** Metadata of every rule that could report (for SARIF `rules[]`), including policies. */
  rules: RuleMeta[];
}

/** Extra rule sources (policies, later approvals and drift) plug in here. */
export interface CheckExtension {
  rules: RuleMeta[];
  findings: Finding[];
}

/** Runs every built-in rule over the project, plus findings from extensions; sorted. */
export async function runCheck(input: CheckInput, extensions: CheckExtension[] = []): Promise<CheckResult> {
  const rules = await loadRules(RULE_IDS);
  const { settings, findings: configFindings } = resolveSettings(input.paths, input.config, rules, new Set(RULE_IDS));
  const full = await withGovernance(input, rules, settings);
  const findings = [...configFindings, ...runRules(full, rules, settings), ...extensions.flatMap((e) => e.findings)];
  return { findings: sortFindings(findings), rules: [...rules, ...extensions.flatMap((e) => e.rules)] };
}
