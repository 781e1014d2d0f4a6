import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, style, writeJson } from '../output.js';
import { countsJson, findingJson } from '../json-types.js';
import { openProject } from '../core/project/open.js';
import { SddError } from '../core/shared/errors.js';
import { countFindings, type Finding } from '../core/check/findings.js';
import { matchesFilters, pathFilters } from '../core/project/path-filter.js';
import { replaceFileAtomic } from '../core/shared/fs-atomic.js';
import { relativePath, type ProjectPaths } from '../core/project/paths.js';
import { sddHomepage, sddVersion } from '../core/project/package-info.js';
import { openFreshIndex } from '../cache/session.js';
import { allSpecs, parseProblems } from '../cache/read.js';
import type { RuleMeta } from '../core/rules/types.js';
import type { Env } from '../env.js';

export interface CheckOptions {
  args: string[];
  format?: string;
  output?: string;
  failOn: string;
  baseline?: string;
  updateBaseline?: boolean;
  staged?: boolean;
}

const FORMATS = ['text', 'json', 'sarif', 'github'];
const FAIL_ON = ['error', 'warning', 'none'];

export function register(program: Command): void {
  program
    .command('check')
    .description('run every rule (schema, structure, requirements, policies) and report findings')
    .argument('[paths...]', 'files or directories to report on (default: everything)')
    .option('--format <format>', 'text, json, sarif (SARIF 2.1.0) or github (annotations + step summary)')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <level>', 'exit 1 on: error, warning (or worse), none', 'error')
    .option('--baseline <file>', 'accept the findings recorded in this file; only new ones count')
    .option('--update-baseline', 'record the current findings in the --baseline file')
    .option('--staged', 'check what git will commit (the index), reporting on staged specs and their dependents')
    .addHelpText('after', examples(
      ['sdd check', 'every rule, grouped by file'],
      ['sdd check --format sarif --output sdd.sarif', 'for GitHub code scanning'],
      ['sdd check --format github', 'annotations in a GitHub Actions log (and a step summary)'],
      ['sdd check --baseline .sdd/baseline.json --update-baseline', 'accept today\'s findings'],
      ['sdd check --baseline .sdd/baseline.json', 'fail only on findings not in the baseline'],
      ['sdd check --staged', 'what the next commit holds (the pre-commit hook runs this)'],
    ) + '\nRules and their options: `sdd rules`. Severities are set in .sdd/config.yaml under `rules:`.\n')
    .action(action(run));
}

export async function run(env: Env, options: CheckOptions): Promise<number> {
  const format = options.format ?? (env.json ? 'json' : 'text');
  if (!FORMATS.includes(format)) throw new SddError('invalid_argument', `Unknown format "${format}"`, { fix: `Use --format ${FORMATS.join(', ')}.` });
  if (!FAIL_ON.includes(options.failOn)) throw new SddError('invalid_argument', `Unknown --fail-on level "${options.failOn}"`, { fix: `Use --fail-on ${FAIL_ON.join(', ')}.` });
  if (options.updateBaseline && !options.baseline) throw new SddError('invalid_argument', '--update-baseline needs --baseline <file>', { fix: 'Name the file, e.g. `--baseline .sdd/baseline.json --update-baseline`.' });
  if (options.staged) return (await import('./check-staged.js')).runStaged(env, options, format);

  const project = openProject(env.cwd);
  const { paths } = project;
  const { db } = await openFreshIndex(project);
  const specs = allSpecs(db);
  const problems = parseProblems(db);
  const { runCheck } = await import('../core/check/run.js');
  const { policyExtension } = await import('../core/check/policies.js');
  const { specFilesMatching } = await import('../cache/query.js');
  const policies = await policyExtension(project, specs, (query) => specFilesMatching(db, query));
  const { loadVerifications, saveVerifications } = await import('../cache/approvals.js');
  const verified = loadVerifications(db);
  const known = verified.size;
  const { refreshTrace } = await import('../cache/trace.js');
  const { trace } = await refreshTrace(db, paths, project.config);
  const result = await runCheck({ paths, config: project.config, specs, problems, verified, trace }, [policies]);
  if (verified.size > known) saveVerifications(db, verified);

  const filters = pathFilters(paths, env.cwd, options.args);
  const findings = result.findings.filter((f) => matchesFilters(f.file, filters));
  // Spec files, and the source files that hold tags (the ones drift rules judge line by line).
  const tagged = new Set(trace.refs.map((r) => r.file));
  const filesChecked = [...specs, ...problems].filter((s) => matchesFilters(s.file, filters)).length + [...tagged].filter((f) => matchesFilters(f, filters)).length;
  return deliver(env, options, format, paths, findings, result.rules, filesChecked);
}

/**
 * The common end of every check: the baseline, then the report in `format` (to stdout or
 * --output, plus the step summary for `github`), then the exit code that --fail-on asks for.
 * `extra` adds keys to the JSON document.
 */
export async function deliver(env: Env, options: CheckOptions, format: string, paths: ProjectPaths, reported: Finding[], rules: RuleMeta[], filesChecked: number, extra: Record<string, unknown> = {}): Promise<number> {
  let findings = reported;
  let accepted = 0;
  if (options.baseline) {
    const { readBaseline, writeBaseline } = await import('../core/check/baseline.js');
    const file = path.resolve(env.cwd, options.baseline);
    const display = relativePath(paths.root, file);
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

  const report = await render(env, format, findings, rules, filesChecked, accepted, extra);
  // The summary goes first: if its file cannot be written, nothing has been printed yet.
  if (format === 'github' && env.vars.GITHUB_STEP_SUMMARY) {
    const { toStepSummary } = await import('../core/report/github.js');
    const file = env.vars.GITHUB_STEP_SUMMARY;
    writeReportFile(path.resolve(env.cwd, file), file, toStepSummary(findings, { filesChecked }), 'append');
  }
  if (options.output) {
    writeReportFile(path.resolve(env.cwd, options.output), options.output, report, 'replaceFile');
    note(env, `Wrote ${format} report to ${options.output}`);
    if (format !== 'text' && !env.json && !env.quiet) env.stderr.write(summaryLine(findings, accepted));
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

async function render(env: Env, format: string, findings: Finding[], rules: RuleMeta[], filesChecked: number, accepted: number, extra: Record<string, unknown>): Promise<string> {
  switch (format) {
    case 'sarif': {
      const { toSarif } = await import('../core/report/sarif.js');
      return JSON.stringify(toSarif(findings, { toolVersion: sddVersion(), informationUri: sddHomepage(), rules, automationId: 'sdd/check/' }), null, 2) + '\n';
    }
    case 'github': {
      const { toGithubAnnotations } = await import('../core/report/github.js');
      return toGithubAnnotations(findings);
    }
    case 'json': {
      const c = countFindings(findings);
      return JSON.stringify({ version: 1, ok: c.errors === 0, files_checked: filesChecked, counts: countsJson(c), accepted_by_baseline: accepted, findings: findings.map(findingJson), ...extra }, null, 2) + '\n';
    }
    default: {
      const { formatFindingsText } = await import('../core/report/text.js');
      const text = formatFindingsText(findings, { paint: await style(env), filesChecked });
      return accepted ? text + `(${accepted} finding${accepted === 1 ? '' : 's'} accepted by the baseline)\n` : text;
    }
  }
}

function exitCode(findings: Finding[], failOn: string): number {
  if (failOn === 'none') return 0;
  const c = countFindings(findings);
  if (c.errors > 0) return 1;
  return failOn === 'warning' && c.warnings > 0 ? 1 : 0;
}
