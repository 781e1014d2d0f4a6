import type { Rule } from './types.js';

/**
 * Every built-in rule, loaded on demand. The id is the file name; the literal import paths let
 * the bundler give each rule its own chunk.
 */
export const RULE_LOADERS: Record<string, () => Promise<{ default: Rule }>> = {
  'config-schema': () => import('./config-schema.js'),
  'spec-syntax': () => import('./spec-syntax.js'),
  'spec-schema': () => import('./spec-schema.js'),
  'unique-id': () => import('./unique-id.js'),
  'dangling-dependency': () => import('./dangling-dependency.js'),
  'dependency-cycle': () => import('./dependency-cycle.js'),
  'unique-requirement-id': () => import('./unique-requirement-id.js'),
};

/** The structural rules `sdd validate` runs; `sdd check` runs every rule. */
export const VALIDATE_RULES = ['config-schema', 'spec-syntax', 'spec-schema', 'unique-id', 'dangling-dependency', 'dependency-cycle', 'unique-requirement-id'];

export const RULE_IDS = Object.keys(RULE_LOADERS).sort();

export async function loadRule(id: string): Promise<Rule> {
  const loader = RULE_LOADERS[id];
  if (!loader) throw new Error(`unknown rule ${id}`);
  return (await loader()).default;
}

export async function loadRules(ids: string[] = RULE_IDS): Promise<Rule[]> {
  return Promise.all(ids.map(loadRule));
}
