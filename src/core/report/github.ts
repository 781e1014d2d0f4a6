import { countFindings, type Finding } from '../check/findings.js';
import { plural } from '../shared/plural.js';

/** Escaping for the message part of a workflow command (GitHub's toCommandValue). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a property value (file, title): also `:` and `,`, which separate properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// @sdd sarif-output/SARIF-004
/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::error file=…,line=…,col=…,title=…::message`. GitHub shows them on the pull request's diff.
 */
export function toGithubAnnotations(findings: Finding[]): string {
  return findings.map((f) => {
    const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, ...(f.column !== undefined ? [`col=${f.column}`] : []), `title=${escapeProperty(`sdd ${f.ruleId}`)}`];
    const text = f.fix ? `${f.message}\nFix: ${f.fix}` : f.message;
    return `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}\n`;
  }).join('');
}

/**
 * Spec text as inert Markdown for a table cell: messages quote titles, ids and front matter that
 * anyone opening a pull request controls, and a live image, link or HTML tag in the job summary
 * would be a tracking pixel or a phishing link in every run. HTML-significant characters become
 * entities; the marks that open emphasis, links, images, code, math, mentions and references are
 * backslash-escaped, and so are the `:` of `https://…`, the `.` of `www.` and the `@` of an e-mail
 * address, which GitHub would otherwise turn into links on its own.
 */
function cell(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_{}[\]()!|~:@#$]|(?<=\bwww)\./gi, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** `s` as a code span in a table cell: a fence longer than any backtick run inside, pipes escaped for the table. */
function codeCell(s: string): string {
  const run = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(run + 1);
  const pad = run > 0 ? ' ' : '';
  return `${fence}${pad}${s.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|')}${pad}${fence}`;
}

// @sdd sarif-output/SARIF-004
/** The Markdown job summary: counts, then a table of findings (capped, with a note when cut). */
export function toStepSummary(findings: Finding[], meta: { filesChecked: number; limit?: number }): string {
  const c = countFindings(findings);
  const limit = meta.limit ?? 200;
  const lines = ['## sdd check', ''];
  if (findings.length === 0) {
    lines.push(`✅ No problems in ${plural(meta.filesChecked, 'file')}.`, '');
    return lines.join('\n');
  }
  lines.push(`❌ ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')} in ${c.files} of ${plural(meta.filesChecked, 'file')}.`, '');
  lines.push('| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |');
  for (const f of findings.slice(0, limit)) {
    lines.push(`| ${f.severity === 'error' ? 'error' : 'warning'} | ${codeCell(`${f.file}:${f.line}`)} | ${codeCell(f.ruleId)} | ${cell(f.message)} |`);
  }
  if (findings.length > limit) lines.push('', `…and ${findings.length - limit} more: see the annotations or the SARIF report.`);
  lines.push('');
  return lines.join('\n');
}
