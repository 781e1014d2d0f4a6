import { countFindings, type Finding } from '../check/findings.js';
import { plural } from '../shared/plural.js';

/** Colouring hooks; identity functions for plain output. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
}

export interface TextReportMeta {
  paint: Paint;
  /** Files looked at, for the summary line. */
  filesChecked?: number;
}

/**
 * Findings grouped by file, one line each (`line:col  severity  message  rule`) with the fix
 * hint under it, then a summary line. Input is expected to be sorted.
 */
export function formatFindingsText(findings: Finding[], meta: TextReportMeta): string {
  const { paint } = meta;
  const out: string[] = [];
  let current: string | null = null;
  const posWidth = Math.max(0, ...findings.map((f) => `${f.line}:${f.column ?? 1}`.length));
  for (const f of findings) {
    if (f.file !== current) {
      if (current !== null) out.push('');
      out.push(paint.bold(f.file));
      current = f.file;
    }
    const pos = `${f.line}:${f.column ?? 1}`.padEnd(posWidth);
    const sev = f.severity === 'error' ? paint.red('error') : paint.yellow('warn ');
    out.push(`  ${paint.dim(pos)}  ${sev}  ${f.message}  ${paint.dim(f.ruleId)}`);
    if (f.fix) out.push(`  ${' '.repeat(posWidth)}         ${paint.dim('fix: ' + f.fix)}`);
  }
  const c = countFindings(findings);
  if (findings.length > 0) out.push('');
  const checked = meta.filesChecked !== undefined ? ` in ${plural(meta.filesChecked, 'file')}` : '';
  if (findings.length === 0) {
    out.push(paint.green(`✓ no problems${checked}`));
  } else {
    const summary = `✖ ${plural(findings.length, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')})${checked}`;
    out.push(c.errors > 0 ? paint.red(summary) : paint.yellow(summary));
  }
  return out.join('\n') + '\n';
}
