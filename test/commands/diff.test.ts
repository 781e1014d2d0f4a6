import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { commitAll, LOGIN, makeProject } from '../helpers/project.js';

describe('sdd diff', () => {
  it('shows the changed body line between two versions, and a metadata change', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/login.md', LOGIN.replace('five failures', 'three failures').replace('phase: 1', 'phase: 2'));
    commitAll(repo, 'login: lock sooner', '2024-05-03T08:30:00Z');
    const r = await sdd(['diff', 'login', '1', '2'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^-- \*\*REQ-002\*\* The system SHOULD lock after five failures\.$/m);
    assert.match(r.stdout, /^\+- \*\*REQ-002\*\* The system SHOULD lock after three failures\.$/m);
    assert.match(r.stdout, /^  ~ phase: 1 → 2$/m);
    // REQ-001 did not change: at most a context line, never a removed or added one.
    assert.doesNotMatch(r.stdout, /^[-+].*REQ-001/m);
  });
});
