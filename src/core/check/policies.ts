import path from 'node:path';
import { evaluatePolicies, loadPolicies, POLICY_CONFIG_RULE, type Policy } from '../policies/index.js';
import { Locations } from '../spec/locations.js';
import { relativePath } from '../project/paths.js';
import type { CheckExtension } from './run.js';
import type { Project } from '../project/open.js';
import type { Spec } from '../spec/parse.js';
import type { RuleMeta } from '../rules/types.js';
import type { QueryNode } from '../query/ast.js';

/** Runs a policy's scope query against the index: the spec files it selects. */
export type ScopeRunner = (query: QueryNode) => Set<string>;

const CONFIG_RULE: RuleMeta = {
  id: POLICY_CONFIG_RULE,
  name: 'PolicyConfig',
  description: '.sdd/policies.yaml is valid: YAML, keys, conditions, regexes and scope queries.',
  help: 'A policy that cannot be read is skipped, so its problem is reported instead: fix the key, condition, regular expression or scope query at the reported line. A regex that takes too long on a spec is reported here too and its policy skipped.',
  helpMarkdown: 'Invalid (the regex does not compile):\n\n```yaml\npolicies:\n  - id: no-should\n    require: { not: { requirement: { matches: "(SHOULD" } } }\n```\n\nValid:\n\n```yaml\npolicies:\n  - id: no-should\n    require: { not: { requirement: { matches: "\\\\bSHOULD\\\\b" } } }\n```',
  defaultSeverity: 'error',
  tags: ['policy', 'config'],
  precision: 'very-high',
};

/** A policy as a rule, for `sdd rules`-like metadata and SARIF `rules[]`. */
export function policyRule(p: Policy): RuleMeta {
  const where = `${p.file}:${p.line}`;
  return {
    id: p.ruleId,
    name: 'Policy' + p.id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    description: p.description ?? p.message,
    help: `Custom policy \`${p.id}\` (${where})${p.scope ? `, for specs matching \`${p.scope}\`` : ''}. ${p.fix ?? 'Change the spec so that it satisfies the policy.'}`,
    helpMarkdown: `Custom policy \`${p.id}\` defined in \`${where}\`.\n\n${p.message}${p.scope ? `\n\nApplies to specs matching \`${p.scope}\`.` : ''}${p.fix ? `\n\nFix: ${p.fix}` : ''}`,
    defaultSeverity: p.severity,
    tags: ['policy'],
    precision: 'high',
  };
}

// @sdd checks/CHK-003
/** The findings of .sdd/policies.yaml over `specs`, as a check extension. */
export async function policyExtension(project: Project, specs: Spec[], scope: ScopeRunner): Promise<CheckExtension> {
  const file = path.join(project.paths.sddDir, 'policies.yaml');
  const loaded = loadPolicies(file, relativePath(project.paths.root, file));
  const locations = new Locations(project.paths.root);
  const findings = [
    ...loaded.findings,
    ...(await evaluatePolicies(loaded.policies, specs, {
      inScope: (p) => (p.scopeQuery ? scope(p.scopeQuery) : null),
      locate: (spec, keyPath) => locations.at(spec, keyPath),
    })),
  ];
  return { rules: [CONFIG_RULE, ...loaded.policies.map(policyRule)], findings };
}
