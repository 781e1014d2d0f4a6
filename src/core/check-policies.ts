import type { CheckExtension } from './check.js';
import type { Project } from './open.js';
import type { Spec } from './spec.js';

/** Policies from .sdd/policies.yaml as a check extension (wired up once the policy engine lands). */
export async function policyExtension(_project: Project, _specs: Spec[], _db: unknown): Promise<CheckExtension> {
  return { rules: [], findings: [] };
}
