import fs from 'node:fs';
import path from 'node:path';
import { makeFinding, sortFindings, type Finding } from './findings.js';
import { checkSchema } from './schema.js';
import { YamlLocator, type Position } from './yaml-locate.js';
import { buildGraph, findCycles } from './graph.js';
import type { LoadedSpecs } from './load.js';
import type { Spec } from './spec.js';
import type { Config } from './config.js';
import { relativePath, type ProjectPaths } from './project.js';

/** Ids of the findings `sdd validate` produces; `sdd check` runs them as rules too. */
export const VALIDATE_RULES = ['config-schema', 'spec-syntax', 'spec-schema', 'unique-id', 'dangling-dependency', 'dependency-cycle', 'unique-requirement-id'] as const;

/**
 * Finds key positions in spec files, parsing a file's YAML with positions only when a finding
 * needs one (most files have none, and position-aware parsing is the slow kind).
 */
class Locations {
  private readonly cache = new Map<string, { locator: YamlLocator; offset: number } | null>();
  constructor(private readonly root: string) {}

  at(spec: Spec, keyPath: Array<string | number>): Position {
    let entry = this.cache.get(spec.file);
    if (entry === undefined) {
      entry = this.load(spec);
      this.cache.set(spec.file, entry);
    }
    if (!entry) return { line: 1, column: 1 };
    const pos = entry.locator.locate(keyPath);
    return { line: pos.line + entry.offset, column: pos.column };
  }

  private load(spec: Spec): { locator: YamlLocator; offset: number } | null {
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.root, spec.file), 'utf8');
    } catch {
      return null;
    }
    if (spec.format === 'yaml') return { locator: new YamlLocator(text), offset: 0 };
    // Front matter: the lines between the opening `---` and the next `---`.
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    let end = lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l));
    if (end < 0) end = lines.length;
    return { locator: new YamlLocator(lines.slice(1, end).join('\n')), offset: 1 };
  }
}

/**
 * Schema and structure checks over a loaded project: unparsable files, schema violations,
 * duplicate spec ids, dependencies on unknown specs, dependency cycles and duplicate
 * requirement ids inside a spec. Findings are sorted deterministically.
 */
export function validateSpecs(root: string, loaded: LoadedSpecs): Finding[] {
  const findings: Finding[] = [];
  const where = new Locations(root);

  for (const p of loaded.problems) {
    findings.push(makeFinding({ ruleId: 'spec-syntax', severity: 'error', message: p.message, file: p.file, line: p.line, column: p.column, fix: p.fix, key: p.code }));
  }

  for (const spec of loaded.specs) {
    for (const issue of checkSchema('spec', spec.data)) {
      const pos = where.at(spec, issue.path);
      findings.push(makeFinding({
        ruleId: 'spec-schema', severity: 'error', message: issue.message, file: spec.file, line: pos.line, column: pos.column,
        specId: spec.id || undefined, key: issue.key, fix: 'See the field reference in README.md ("Spec format"); your editor can complete fields from schemas/spec.schema.json.',
      }));
    }
  }

  const byId = new Map<string, Spec[]>();
  for (const spec of loaded.specs) {
    if (!spec.id) continue;
    let list = byId.get(spec.id);
    if (!list) byId.set(spec.id, (list = []));
    list.push(spec);
  }
  for (const [id, specs] of byId) {
    if (specs.length < 2) continue;
    for (const spec of specs) {
      const others = specs.filter((s) => s !== spec).map((s) => s.file).join(', ');
      const pos = where.at(spec, ['id']);
      findings.push(makeFinding({
        ruleId: 'unique-id', severity: 'error', message: `Duplicate spec id "${id}": also used by ${others}`, file: spec.file,
        line: pos.line, column: pos.column, specId: id, key: id, fix: 'Give one of the specs a different `id`; ids must be unique across .sdd/specs/.',
      }));
    }
  }

  for (const spec of loaded.specs) {
    spec.dependsOn.forEach((dep, index) => {
      if (byId.has(dep)) return;
      const pos = where.at(spec, Array.isArray(spec.data.depends_on) ? ['depends_on', index] : ['depends_on']);
      findings.push(makeFinding({
        ruleId: 'dangling-dependency', severity: 'error', message: `depends_on names "${dep}", but no spec has that id`, file: spec.file,
        line: pos.line, column: pos.column, specId: spec.id, key: dep, fix: `Correct the id, create the spec with \`sdd new spec "<title>" --id ${dep}\`, or remove the entry.`,
      }));
    });
  }

  const unique = [...byId.values()].map((list) => list[0]);
  for (const cycle of findCycles(buildGraph(unique))) {
    const spec = byId.get(cycle[0])![0];
    const pos = where.at(spec, ['depends_on', Math.max(0, spec.dependsOn.indexOf(cycle[1]))]);
    findings.push(makeFinding({
      ruleId: 'dependency-cycle', severity: 'error', message: `Dependency cycle: ${cycle.join(' → ')}`, file: spec.file,
      line: pos.line, column: pos.column, specId: spec.id, key: [...cycle].slice(0, -1).sort().join(','),
      fix: 'Remove one of the depends_on edges in the cycle; specs must form a directed acyclic graph.',
    }));
  }

  for (const spec of loaded.specs) {
    const first = new Map<string, number>();
    for (const req of spec.requirements) {
      const line = first.get(req.id);
      if (line === undefined) {
        first.set(req.id, req.line);
        continue;
      }
      findings.push(makeFinding({
        ruleId: 'unique-requirement-id', severity: 'error', message: `Requirement ${req.id} is defined twice (first at line ${line})`, file: spec.file,
        line: req.line, column: req.column, specId: spec.id, key: req.id, fix: 'Renumber one of the requirements; requirement ids must be unique within a spec.',
      }));
    }
  }

  return sortFindings(findings);
}

/**
 * Checks `.sdd/config.yaml` against the shipped schema (unknown keys, wrong types), each finding
 * at the offending key's line. Syntax errors never get here: reading the config reports them.
 */
export function validateConfig(paths: ProjectPaths, config: Config): Finding[] {
  if (Object.keys(config.raw).length === 0) return [];
  const file = relativePath(paths.root, paths.configFile);
  const locator = new YamlLocator(fs.readFileSync(paths.configFile, 'utf8'));
  return checkSchema('config', config.raw).map((issue) => {
    const pos = locator.locate(issue.path);
    return makeFinding({
      ruleId: 'config-schema', severity: 'error', message: `${issue.message} in the config`, file, line: pos.line, column: pos.column, key: issue.key,
      fix: 'See "Configuration" in README.md; your editor can complete keys from schemas/config.schema.json.',
    });
  });
}
