import type { Project } from '../core/project/open.js';
import type { Spec } from '../core/spec/parse.js';
import type { Governance } from '../core/governance/index.js';
import type { DriftReport } from '../core/drift/analyse.js';
import type { Trace } from '../core/trace/files.js';
import { openFreshIndex } from './session.js';
import { allSpecs } from './read.js';
import { refreshTrace } from './trace.js';
import { loadVerifications, saveVerifications } from './approvals.js';
import type { Db } from './db.js';
import { mark } from '../core/shared/startup.js';

export interface DriftSession {
  db: Db;
  specs: Spec[];
  governance: Governance;
  trace: Trace;
  drift: DriftReport;
}

/**
 * What `sdd drift`, `sdd trace`, `sdd stats` and the implemented gate of `sdd status` start
 * from: the index brought up to date (specs and code references), the decisions verified (with
 * remembered verdicts), and the drift report. A command that has the index open already passes it.
 */
export async function openDriftSession(project: Project, opened?: { db: Db; specs: Spec[] }): Promise<DriftSession> {
  const db = opened?.db ?? (await openFreshIndex(project)).db;
  const specs = opened?.specs ?? allSpecs(db);
  const { trace } = await refreshTrace(db, project.paths, project.config);
  const { loadGovernance } = await import('../core/governance/index.js');
  const { loadDrift } = await import('../core/drift/index.js');
  const verified = loadVerifications(db);
  const known = verified.size;
  mark('drift: trace ready');
  const governance = await loadGovernance(project.paths, project.config, specs, { history: false, verified: verified as never });
  if (verified.size > known) saveVerifications(db, verified);
  mark('drift: governance');
  const drift = await loadDrift(project.paths, project.config, specs, governance, trace);
  mark('drift: analysed');
  return { db, specs, governance, trace, drift };
}
