import { createRequire } from 'node:module';

export type Severity = 'error' | 'warn';

/** The one result type of every check (DESIGN.md §4). Lines and columns are 1-based. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Project-relative POSIX path. */
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  specId?: string;
  fix?: string;
  /**
   * Stable identity of the finding: derived from the rule, file, spec and a rule-chosen key
   * (such as a field name or requirement id), never from the line number, so it survives
   * unrelated edits above it.
   */
  fingerprint: string;
}

export interface FindingInput extends Omit<Finding, 'fingerprint'> {
  /** What distinguishes this finding from others of the same rule in the same file. */
  key?: string;
}

// node:crypto is required on first use: commands that never make a finding do not load it.
let crypto: typeof import('node:crypto') | undefined;

// @sdd checks/CHK-006
export function makeFinding(input: FindingInput): Finding {
  const { key, ...finding } = input;
  const identity = [finding.ruleId, finding.file, finding.specId ?? '', key ?? finding.message].join('\u0000');
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return { ...finding, fingerprint: crypto.createHash('sha256').update(identity).digest('hex').slice(0, 32) };
}

/** Deterministic order: file, line, column, rule, message. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 :
    a.line - b.line || (a.column ?? 0) - (b.column ?? 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  files: number;
}

export function countFindings(findings: Finding[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) f.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings, files: new Set(findings.map((f) => f.file)).size };
}
