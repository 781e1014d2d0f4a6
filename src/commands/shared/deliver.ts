import fs from 'node:fs';
import path from 'node:path';
import { note, style, writeJson } from '../../output.js';
import { SddError } from '../../core/shared/errors.js';
import { countFindings, type Finding } from '../../core/check/findings.js';
import { countsJson } from '../../json-types.js';
import { replaceFileAtomic } from '../../core/shared/fs-atomic.js';
import { relativePath } from '../../core/project/paths.js';
import type { RuleMeta } from '../../core/rules/types.js';
import type { Env } from '../../env.js';
import { REPORT_FORMATS, REPORT_FORMAT_NAMES } from './report-formats.js';
import { chooseFormat } from './format.js';

/** How the user asked for findings to be delivered (the check commands' shared options). */
export interface DeliveryOptions {
  format?: string;
  output?: string;
  failOn: string;
  baseline?: string;
  updateBaseline?: boolean;
}

/** What is delivered: findings, the rules behind them, and how many files they were drawn from. */
export interface Delivery {
  findings: Finding[];
  rules: RuleMeta[];
  filesChecked: number;
}

const FAIL_ON = ['error', 'warning', 'none'];

/**
 * Checks the delivery options before any work is done, and returns the report format: --format,
 * else json under --json, else text.
 */
export function reportFormat(env: Env, options: DeliveryOptions): string {
  if (options.format !== undefined && !REPORT_FORMATS[options.format]) throw new SddError('invalid_argument', `Unknown format "${options.format}"`, { fix: `Use --format ${REPORT_FORMAT_NAMES.join(', ')}.` });
  const format = chooseFormat(env, options.format, 'text', options.output);
  if (!REPORT_FORMATS[format]) throw new SddError('invalid_argument', `Unknown format "${format}"`, { fix: `Use --format ${REPORT_FORMAT_NAMES.join(', ')}.` });
  if (!FAIL_ON.includes(options.failOn)) throw new SddError('invalid_argument', `Unknown --fail-on level "${options.failOn}"`, { fix: `Use --fail-on ${FAIL_ON.join(', ')}.` });
  if (options.updateBaseline && !options.baseline) throw new SddError('invalid_argument', '--update-baseline needs --baseline <file>', { fix: 'Name the file, e.g. `--baseline .sdd/baseline.json --update-baseline`.' });
  return format;
}

// @sdd checks/CHK-005
/**
 * The common end of every check: the baseline, then the report in `format` (to stdout or
 * --output, plus the step summary for `github`), then the exit code that --fail-on asks for.
 * `extra` adds keys to the JSON document; `root` is the project's, for the paths shown.
 */
export async function deliver(env: Env, options: DeliveryOptions, format: string, root: string, delivery: Delivery, extra: Record<string, unknown> = {}): Promise<number> {
  let findings = delivery.findings;
  let accepted = 0;
  if (options.baseline) {
    const { readBaseline, writeBaseline } = await import('../../core/check/baseline.js');
    const file = path.resolve(env.cwd, options.baseline);
    const display = relativePath(root, file);
    if (options.updateBaseline) {
      writeBaseline(file, findings);
      const msg = `Recorded ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${display}`;
      if (env.json) writeJson(env, { ok: true, baseline: display, recorded: findings.length });
      else env.stdout.write(msg + '\n');
      return 0;
    }
    const known = readBaseline(file, display);
    const fresh = findings.filter((f) => !known.has(f.fingerprint));
    accepted = findings.length - fresh.length;
    findings = fresh;
  }

  const formatter = await REPORT_FORMATS[format]();
  // People read text reports from where they stand (as ripgrep prints paths); SARIF, JSON and
  // GitHub annotations keep repository-relative paths, which is what their consumers resolve.
  const shown = format === 'text' ? findings.map((f) => ({ ...f, file: fromCwd(env.cwd, root, f.file) })) : findings;
  const report = formatter(shown, { rules: delivery.rules, filesChecked: delivery.filesChecked, accepted, extra, paint: await style(env) });
  // The summary goes first: if its file cannot be written, nothing has been printed yet.
  if (format === 'github' && env.vars.GITHUB_STEP_SUMMARY) {
    const { toStepSummary } = await import('../../core/report/github.js');
    const file = env.vars.GITHUB_STEP_SUMMARY;
    writeReportFile(path.resolve(env.cwd, file), file, toStepSummary(findings, { filesChecked: delivery.filesChecked }), 'append');
  }
  if (options.output) {
    writeReportFile(path.resolve(env.cwd, options.output), options.output, report, 'replaceFile');
    note(env, `Wrote ${format} report to ${options.output}`);
    // --json still promises one document on stdout: the summary of what went to the file.
    if (env.json) writeJson(env, { ok: countFindings(findings).errors === 0, output: options.output, format, counts: countsJson(countFindings(findings)), accepted_by_baseline: accepted });
    else if (format !== 'text' && !env.quiet) env.stderr.write(summaryLine(findings, accepted));
  } else {
    env.stdout.write(report);
  }
  return exitCode(findings, options.failOn);
}

/** Writes a report where the user asked; a path that cannot take it is the user's error, not sdd's. */
function writeReportFile(file: string, shown: string, content: string, how: 'replaceFile' | 'append'): void {
  try {
    if (how === 'append') fs.appendFileSync(file, content);
    else replaceFileAtomic(file, content);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EISDIR' || (e.code === 'EPERM' && fs.existsSync(file) && fs.statSync(file).isDirectory()) ? 'it is a directory'
      : e.code === 'ENOENT' ? 'its folder does not exist'
      : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied'
      : e.code === 'ENOTDIR' ? 'a part of the path is a file, not a folder'
      : e.message;
    throw new SddError('output_failed', `Cannot write the report here: ${why}`, {
      target: { file: shown },
      fix: how === 'append' ? 'Point GITHUB_STEP_SUMMARY at a writable file (GitHub Actions sets it for you).' : 'Pass --output a file path in a writable folder.',
      cause: err,
    });
  }
}

function summaryLine(findings: Finding[], accepted: number): string {
  const c = countFindings(findings);
  return `${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}${accepted ? ` (${accepted} accepted by the baseline)` : ''}\n`;
}

function exitCode(findings: Finding[], failOn: string): number {
  if (failOn === 'none') return 0;
  const c = countFindings(findings);
  if (c.errors > 0) return 1;
  return failOn === 'warning' && c.warnings > 0 ? 1 : 0;
}

// @sdd checks/CHK-005
/** `file` (relative to the project `root`) as a path from `cwd`, POSIX-style. */
export function fromCwd(cwd: string, root: string, file: string): string {
  if (path.resolve(cwd) === path.resolve(root)) return file;
  return relativePath(cwd, path.join(root, file)) || '.';
}
