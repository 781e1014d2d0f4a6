import type { Finding } from '../core/check/findings.js';
import type { RuleMeta } from '../core/rules/types.js';
import { emptySpecsNotice, matchesFilters, pathFilters, requireMatches } from '../core/project/path-filter.js';
import type { CacheSession } from '../cache/open.js';
import { parseProblems } from '../cache/read.js';

/** What a check found, ready for a report format. */
export interface CheckOutcome {
  /** Findings on the files asked about, sorted. */
  findings: Finding[];
  /** Every rule that could report (SARIF `rules[]`), policies included. */
  rules: RuleMeta[];
  /** Spec files and tagged source files the findings were drawn from. */
  filesChecked: number;
  /** Said on stderr when there is nothing to check (no `.sdd/specs/` or no spec in it). */
  notice?: string | null;
}

export interface CheckRequest {
  /** Where relative `only` paths start from. */
  cwd: string;
  /** Files or folders to report on; empty for everything. */
  only: string[];
}

/** `sdd check`: every rule and policy over the whole project in the index, reported on `only`. */
export async function checkProject(cache: CacheSession, request: CheckRequest): Promise<CheckOutcome> {
  const { project, db } = cache;
  const { paths } = project;
  const specs = cache.specs();
  const problems = parseProblems(db);
  const { runCheck } = await import('../core/check/run.js');
  const { policyExtension } = await import('../core/check/policies.js');
  const { specFilesMatching } = await import('../cache/query.js');
  const policies = await policyExtension(project, specs, (query) => specFilesMatching(db, query));
  const { refreshTrace } = await import('../cache/trace.js');
  const { trace } = await refreshTrace(db, paths, project.config, cache.git);
  const result = await cache.withVerifications((verified) => runCheck({ paths, config: project.config, specs, problems, verified, trace, git: cache.git }, [policies]));

  const filters = pathFilters(paths, request.cwd, request.only);
  // Spec files, and the source files that hold tags (the ones drift rules judge line by line).
  const tagged = new Set(trace.refs.map((r) => r.file));
  requireMatches(request.cwd, request.only, filters, [...[...specs, ...problems].map((s) => s.file), ...tagged, ...result.findings.map((f) => f.file)], 'spec files under .sdd/specs/, sdd\'s own files under .sdd/ and source files with @sdd tags');
  const findings = result.findings.filter((f) => matchesFilters(f.file, filters));
  const filesChecked = [...specs, ...problems].filter((s) => matchesFilters(s.file, filters)).length + [...tagged].filter((f) => matchesFilters(f, filters)).length;
  return { findings, rules: result.rules, filesChecked, notice: emptySpecsNotice(paths, specs.length + problems.length) };
}
