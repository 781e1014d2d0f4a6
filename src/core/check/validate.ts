import { defaultConfig, type Config } from '../project/config.js';
import { projectPaths } from '../project/paths.js';
import { resolveSettings, runRules } from '../rules/engine.js';
import { RULE_IDS } from '../rules/registry.js';
import type { Finding } from './findings.js';
import type { LoadedSpecs } from '../spec/load.js';
import type { Rule } from '../rules/types.js';
import configSchema from '../rules/config-schema.js';
import specSyntax from '../rules/spec-syntax.js';
import specSchema from '../rules/spec-schema.js';
import uniqueId from '../rules/unique-id.js';
import danglingDependency from '../rules/dangling-dependency.js';
import dependencyCycle from '../rules/dependency-cycle.js';
import uniqueRequirementId from '../rules/unique-requirement-id.js';

export { VALIDATE_RULES } from '../rules/registry.js';

/** The structural rules, loaded eagerly: `sdd validate` always needs all of them. */
export const STRUCTURE_RULES: Rule[] = [configSchema, specSyntax, specSchema, uniqueId, danglingDependency, dependencyCycle, uniqueRequirementId];

/**
 * Schema and structure checks over a loaded project (what `sdd validate` reports): unparsable
 * files, schema violations, duplicate spec ids, dependencies on unknown specs, dependency cycles,
 * duplicate requirement ids and config problems. Severities configured in `rules:` apply.
 */
export function validateSpecs(root: string, loaded: LoadedSpecs, config: Config = defaultConfig()): Finding[] {
  const paths = projectPaths(root);
  const { settings, findings } = resolveSettings(paths, config, STRUCTURE_RULES, new Set(RULE_IDS));
  return [...findings, ...runRules({ paths, config, specs: loaded.specs, problems: loaded.problems }, STRUCTURE_RULES, settings)];
}
