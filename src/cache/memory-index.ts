import { openIndex, type Db } from './db.js';
import { SpecWriter } from './indexer.js';
import { sddVersion } from '../core/project/package-info.js';
import type { Spec } from '../core/spec/parse.js';
import type { SpecApproval } from '../core/governance/index.js';

// @sdd git-hooks/HOOK-004
/**
 * A throw-away index in memory holding only `specs` (and their approval states), for running
 * queries over content that is not on disk, such as the staged versions of specs. The index on
 * disk reflects the working tree and is never written with such content.
 */
export async function memoryIndex(specs: Spec[], approvals: Iterable<SpecApproval> = []): Promise<Db> {
  const { db } = await openIndex(':memory:', sddVersion());
  const writer = new SpecWriter(db);
  const putState = db.prepare('INSERT OR REPLACE INTO approval_state(spec_id, state, quorum, approvers) VALUES (?, ?, ?, ?)');
  const putPerson = db.prepare('INSERT INTO approval_people(spec_id, principal, role) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const spec of specs) writer.write(spec, true);
    for (const a of approvals) {
      putState.run(a.spec, a.state, a.quorum, JSON.stringify(a.approvers));
      for (const p of a.requestedReviewers) putPerson.run(a.spec, p.toLowerCase(), 'requested');
      for (const p of a.approvers) putPerson.run(a.spec, p, 'approved');
      for (const p of a.rejectedBy) putPerson.run(a.spec, p, 'rejected');
    }
  })();
  return db;
}
