import type { Finding, FindingCounts } from './core/check/findings.js';
import type { Spec } from './core/spec/parse.js';
import type { Requirement } from './core/spec/requirements.js';

/**
 * The stable JSON shapes sdd prints. They are kept apart from the internal model so the model
 * can change without breaking scripts; field names follow the spec file format (snake_case).
 */
export interface SpecSummaryJson {
  id: string;
  title: string;
  status: string;
  kind: string;
  phase: number | string | null;
  domain: string | null;
  owner: string | null;
  tags: string[];
  depends_on: string[];
  file: string;
}

export interface RequirementJson {
  id: string;
  keyword: string | null;
  text: string;
  line: number;
}

export interface SpecDetailJson extends SpecSummaryJson {
  reviewers: string[];
  code: string[];
  created: string | null;
  updated: string | null;
  content_hash: string;
  extra: Record<string, unknown>;
  requirements: RequirementJson[];
  dependents: string[];
}

export interface FindingJson {
  rule_id: string;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  line: number;
  column: number | null;
  spec_id: string | null;
  fix: string | null;
  fingerprint: string;
}

export function specSummaryJson(s: Pick<Spec, 'id' | 'title' | 'status' | 'kind' | 'phase' | 'domain' | 'owner' | 'tags' | 'dependsOn' | 'file'>): SpecSummaryJson {
  return { id: s.id, title: s.title, status: s.status, kind: s.kind, phase: s.phase, domain: s.domain, owner: s.owner, tags: s.tags, depends_on: s.dependsOn, file: s.file };
}

export function requirementJson(r: Requirement): RequirementJson {
  return { id: r.id, keyword: r.keyword, text: r.text, line: r.line };
}

export function specDetailJson(s: Spec, dependents: string[]): SpecDetailJson {
  return {
    ...specSummaryJson(s),
    reviewers: s.reviewers, code: s.code, created: s.created, updated: s.updated, content_hash: s.contentHash,
    extra: s.extra, requirements: s.requirements.map(requirementJson), dependents,
  };
}

export function findingJson(f: Finding): FindingJson {
  return {
    rule_id: f.ruleId, severity: f.severity === 'warn' ? 'warning' : 'error', message: f.message, file: f.file, line: f.line,
    column: f.column ?? null, spec_id: f.specId ?? null, fix: f.fix ?? null, fingerprint: f.fingerprint,
  };
}

export function countsJson(c: FindingCounts): { errors: number; warnings: number; files: number } {
  return { errors: c.errors, warnings: c.warnings, files: c.files };
}
