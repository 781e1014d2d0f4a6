import type { Spec } from '../core/spec/parse.js';
import type { Governance } from '../core/governance/index.js';
import type { DriftReport } from '../core/drift/analyse.js';
import type { Trace } from '../core/trace/files.js';
import type { CacheSession } from '../cache/open.js';
import { refreshTrace } from '../cache/trace.js';
import { mark } from '../core/shared/startup.js';

export interface DriftState {
  specs: Spec[];
  governance: Governance;
  trace: Trace;
  drift: DriftReport;
}

/**
 * What `sdd drift`, `sdd trace`, `sdd stats` and the implemented gate of `sdd status` start
 * from: the code references brought up to date in the index, the decisions verified (with
 * remembered verdicts), and the drift report.
 */
export async function loadDriftState(cache: CacheSession): Promise<DriftState> {
  const { project } = cache;
  const specs = cache.specs();
  const { trace } = await refreshTrace(cache.db, project.paths, project.config, cache.git);
  const { loadGovernance } = await import('../core/governance/index.js');
  const { loadDrift } = await import('../core/drift/index.js');
  mark('drift: trace ready');
  const governance = await cache.withVerifications((verified) => loadGovernance(project.paths, project.config, specs, { history: false, verified }));
  mark('drift: governance');
  const drift = await loadDrift(project.paths, project.config, specs, governance, trace, { git: cache.git });
  mark('drift: analysed');
  return { specs, governance, trace, drift };
}
