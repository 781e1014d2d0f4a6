import type { Rule } from './types.js';

// @sdd checks/CHK-001
/**
 * Every built-in rule, loaded on demand. The id is the file name; the literal import paths let
 * the bundler give each rule its own chunk.
 */
export const RULE_LOADERS: Record<string, () => Promise<{ default: Rule }>> = {
  'access-file-invalid': () => import('./access-file-invalid.js'),
  'approval-bad-signature': () => import('./approval-bad-signature.js'),
  'approval-missing': () => import('./approval-missing.js'),
  'approval-record-tampered': () => import('./approval-record-tampered.js'),
  'approval-stale': () => import('./approval-stale.js'),
  'approval-suspect-dependency': () => import('./approval-suspect-dependency.js'),
  'approval-unauthorized': () => import('./approval-unauthorized.js'),
  'config-schema': () => import('./config-schema.js'),
  'constitution-version': () => import('./constitution-version.js'),
  'dangling-dependency': () => import('./dangling-dependency.js'),
  'dependency-cycle': () => import('./dependency-cycle.js'),
  'domain-location': () => import('./domain-location.js'),
  'drift-code-changed': () => import('./drift-code-changed.js'),
  'drift-orphaned': () => import('./drift-orphaned.js'),
  'drift-outdated': () => import('./drift-outdated.js'),
  'drift-suspect': () => import('./drift-suspect.js'),
  'drift-uncovered': () => import('./drift-uncovered.js'),
  'drift-untested': () => import('./drift-untested.js'),
  'naming-convention': () => import('./naming-convention.js'),
  'no-deprecated-dependency': () => import('./no-deprecated-dependency.js'),
  'no-placeholders': () => import('./no-placeholders.js'),
  'required-fields': () => import('./required-fields.js'),
  'required-sections': () => import('./required-sections.js'),
  'requirement-id-format': () => import('./requirement-id-format.js'),
  'requirement-keyword': () => import('./requirement-keyword.js'),
  'spec-schema': () => import('./spec-schema.js'),
  'spec-syntax': () => import('./spec-syntax.js'),
  'unique-id': () => import('./unique-id.js'),
  'unique-requirement-id': () => import('./unique-requirement-id.js'),
};

/** The structural rules `sdd validate` runs; `sdd check` runs every rule. */
export const VALIDATE_RULES = ['config-schema', 'spec-syntax', 'spec-schema', 'unique-id', 'dangling-dependency', 'dependency-cycle', 'unique-requirement-id'];

export const RULE_IDS = Object.keys(RULE_LOADERS).sort();

// @sdd checks/CHK-001
export async function loadRule(id: string): Promise<Rule> {
  const loader = RULE_LOADERS[id];
  if (!loader) throw new Error(`unknown rule ${id}`);
  return (await loader()).default;
}

export async function loadRules(ids: string[] = RULE_IDS): Promise<Rule[]> {
  return Promise.all(ids.map(loadRule));
}

/** Ids of the rules that judge code against specs (they read drift data), sorted. */
export async function driftRuleIds(): Promise<string[]> {
  return (await loadRules()).filter((r) => r.usesDrift).map((r) => r.id);
}
