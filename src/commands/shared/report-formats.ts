import type { Finding } from '../../core/check/findings.js';
import type { RuleMeta } from '../../core/rules/types.js';
import type { Style } from '../../output.js';

/** Everything a report format may need besides the findings. */
export interface ReportMeta {
  /** Every rule that could report (SARIF `rules[]`). */
  rules: RuleMeta[];
  filesChecked: number;
  /** Findings the baseline accepted (left out of `findings`). */
  accepted: number;
  /** Keys a command adds to the JSON document. */
  extra: Record<string, unknown>;
  paint: Style;
}

/** Turns findings into the text of a report; where it goes is the command's business. */
export type ReportFormatter = (findings: Finding[], meta: ReportMeta) => string;

/**
 * The report formats of `sdd check`, each loaded only when asked for (a terminal run never
 * loads the SARIF writer).
 */
export const REPORT_FORMATS: Record<string, () => Promise<ReportFormatter>> = {
  text: async () => {
    const { formatFindingsText } = await import('../../core/report/text.js');
    return (findings, meta) => {
      const text = formatFindingsText(findings, { paint: meta.paint, filesChecked: meta.filesChecked });
      return meta.accepted ? text + `(${meta.accepted} finding${meta.accepted === 1 ? '' : 's'} accepted by the baseline)\n` : text;
    };
  },
  json: async () => {
    const { countFindings } = await import('../../core/check/findings.js');
    const { countsJson, findingJson } = await import('../../json-types.js');
    return (findings, meta) => {
      const c = countFindings(findings);
      return JSON.stringify({ version: 1, ok: c.errors === 0, files_checked: meta.filesChecked, counts: countsJson(c), accepted_by_baseline: meta.accepted, findings: findings.map(findingJson), ...meta.extra }, null, 2) + '\n';
    };
  },
  sarif: async () => {
    const { toSarif } = await import('../../core/report/sarif.js');
    const { sddHomepage, sddVersion } = await import('../../core/project/package-info.js');
    return (findings, meta) => JSON.stringify(toSarif(findings, { toolVersion: sddVersion(), informationUri: sddHomepage(), rules: meta.rules, automationId: 'sdd/check/' }), null, 2) + '\n';
  },
  github: async () => {
    const { toGithubAnnotations } = await import('../../core/report/github.js');
    return (findings) => toGithubAnnotations(findings);
  },
};

export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS);
