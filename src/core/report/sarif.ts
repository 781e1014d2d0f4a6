import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding } from '../check/findings.js';
import type { RuleMeta } from '../rules/types.js';

export interface SarifMeta {
  toolVersion: string;
  informationUri: string;
  /** Metadata of every rule that ran (and of policies), for `tool.driver.rules`. */
  rules: RuleMeta[];
  /** GitHub's category: alerts of one category replace each other across uploads. */
  automationId: string;
}

const LEVEL = { error: 'error', warn: 'warning', off: 'none' } as const;

function descriptor(rule: RuleMeta): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.help },
    help: { text: rule.help, markdown: rule.helpMarkdown },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: rule.tags, precision: rule.precision },
  };
}

/** File paths as SARIF wants them: relative URI references, POSIX separators, percent-encoded. */
function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

// @sdd sarif-output/SARIF-001, sarif-output/SARIF-002, sarif-output/SARIF-003
/**
 * SARIF 2.1.0, shaped for GitHub code scanning: one run, the full rule list, results with a
 * repo-relative location under %SRCROOT%, a line (and column when known), and a fingerprint
 * that does not depend on the line, so alerts follow a finding when lines move. Output order is
 * deterministic: rules by id, results by file, line, column, rule.
 */
export function toSarif(findings: Finding[], meta: SarifMeta): Log {
  const rules = [...new Map(meta.rules.map((r) => [r.id, r])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map((f) => {
    const result: Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.fix ? `${f.message}. Fix: ${f.fix}`.replace(/\.\. Fix:/, '. Fix:') : f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, ...(f.column !== undefined ? { startColumn: f.column } : {}), ...(f.endLine !== undefined ? { endLine: f.endLine } : {}) },
        },
      }],
      partialFingerprints: { 'sddFindingHash/v1': f.fingerprint },
      ...(f.specId ? { properties: { specId: f.specId } } : {}),
    };
    const i = index.get(f.ruleId);
    if (i !== undefined) result.ruleIndex = i;
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'sdd', semanticVersion: meta.toolVersion, version: meta.toolVersion, informationUri: meta.informationUri, rules: rules.map(descriptor) } },
      automationDetails: { id: meta.automationId },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}
