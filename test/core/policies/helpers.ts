import fs from 'node:fs';
import path from 'node:path';
import { parseSpec, type Spec } from '../../../src/core/spec/parse.js';
import { loadPolicies } from '../../../src/core/policies/index.js';
import { makeTempDir } from '../../helpers/cli.js';

export const POLICIES_FILE = '.sdd/policies.yaml';

/** Writes `yaml` as .sdd/policies.yaml of a fresh project and loads it. */
export function load(yaml: string): ReturnType<typeof loadPolicies> {
  const root = makeTempDir('sdd-policies-');
  const file = path.join(root, POLICIES_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, yaml);
  return loadPolicies(file, POLICIES_FILE);
}

/** Loads policies that must be valid. */
export function policies(yaml: string): ReturnType<typeof loadPolicies>['policies'] {
  const { policies: loaded, findings } = load(yaml);
  if (findings.length) throw new Error(`unexpected findings: ${findings.map((f) => `${f.line}: ${f.message}`).join('; ')}`);
  return loaded;
}

/** A markdown spec parsed from front-matter lines and a body, as `sdd` would load it. */
export function spec(name: string, front: string, body: string): Spec {
  const file = `.sdd/specs/${name}.md`;
  const result = parseSpec(file, `---\nid: ${name}\n${front}\n---\n${body}`);
  if (!result.ok) throw new Error(result.problem.message);
  return result.spec;
}
