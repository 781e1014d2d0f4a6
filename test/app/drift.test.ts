import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadDriftState } from '../../src/app/drift.js';
import { writeFile } from '../helpers/cli.js';
import { cacheEnv } from '../helpers/app-env.js';
import { DRIFT_CONFIG, TAG, approvedBy, committedRepo, loginSpec } from '../helpers/drift.js';

describe('app: loadDriftState', () => {
  it('brings code references up to date and judges every requirement of an approved spec', async () => {
    const login = loginSpec('approved');
    const { root } = committedRepo({ '.sdd/config.yaml': DRIFT_CONFIG, '.sdd/specs/core/login.md': login, ...approvedBy(login), 'src/login.ts': `// ${TAG} login/REQ-001\nexport {};\n` });
    const env = cacheEnv(root);
    const state = await loadDriftState(await env.openCache());
    assert.equal(state.governance.approvals.get('login')?.state, 'approved');
    const spec = state.drift.specs.find((s) => s.id === 'login')!;
    assert.deepEqual(spec.requirements.map((r) => `${r.id} ${r.status}`), ['REQ-001 covered', 'REQ-002 uncovered']);

    // A tag added since is found through the same index, on the next session.
    writeFile(root, 'src/lock.ts', `// ${TAG} login/REQ-002\n`);
    const again = await loadDriftState(await env.openCache());
    assert.deepEqual(again.drift.specs.find((s) => s.id === 'login')!.requirements.map((r) => r.status), ['covered', 'covered']);
  });
});
