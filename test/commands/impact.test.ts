import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd impact', () => {
  it('lists the specs that depend on a spec, directly and transitively', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/audit-trail.md', '---\nid: audit-trail\ntitle: Audit Trail\nstatus: draft\ndomain: auth\ndepends_on: [session]\n---\n');
    const r = await sdd(['impact', 'login'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^session\t1\tlogin\tSession Tokens\tdraft$/m);
    assert.match(r.stdout, /^audit-trail\t2\tsession\tAudit Trail\tdraft$/m);
    const tty = await sdd(['impact', 'login'], { cwd: repo, tty: true });
    assert.match(tty.stdout, /^ID {13}STATUS {2}TITLE$/m);
    assert.match(tty.stdout, /^session {8}draft {3}Session Tokens$/m);
    assert.match(tty.stdout, /^ {2}audit-trail {2}draft {3}Audit Trail$/m);
    assert.doesNotMatch(r.stdout, /reports/);
  });
});
