import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd new', () => {
  it('writes a spec from the template in the domain folder, and the index lists it', async () => {
    const repo = makeProject();
    const r = await sdd(['new', 'spec', 'Password Reset', '--domain', 'auth', '--depends-on', 'login', '--owner', 'ada@example.com'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const file = path.join(repo, '.sdd/specs/auth/password-reset.md');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^id: password-reset$/m);
    assert.match(text, /^status: draft$/m);

    const show = await sdd(['show', 'password-reset', '--json'], { cwd: repo });
    assert.equal(show.code, 0, describeRun(show));
    const spec = parseJsonDocument(show.stdout).spec as { depends_on: string[]; file: string };
    assert.deepEqual(spec.depends_on, ['login']);
    assert.equal(spec.file, '.sdd/specs/auth/password-reset.md');
  });

  it('refuses an id that exists already and leaves the file alone', async () => {
    const repo = makeProject();
    const file = path.join(repo, '.sdd/specs/auth/login.md');
    const before = fs.readFileSync(file, 'utf8');
    const r = await sdd(['new', 'spec', 'Login', '--id', 'login', '--domain', 'auth'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  // @sdd spec-authoring/NEW-003
  it('knows the ids of specs written since the last read (the index refreshes first), and names the file that holds one', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['list', '--count'], { cwd: repo })).code, 0);
    fs.mkdirSync(path.join(repo, '.sdd/specs/billing'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.sdd/specs/billing/invoices.md'), '---\nid: invoices\ntitle: Invoices\nstatus: draft\n---\n# Invoices\n');
    const dup = await sdd(['new', 'spec', 'Invoices', '--json'], { cwd: repo });
    assert.equal(dup.code, 2, describeRun(dup));
    const error = parseJsonDocument(dup.stdout).error as { code: string; target?: string };
    assert.equal(error.code, 'duplicate_id');
    assert.equal(error.target, '.sdd/specs/billing/invoices.md');
    const dep = await sdd(['new', 'spec', 'Refunds', '--depends-on', 'invoices'], { cwd: repo });
    assert.equal(dep.code, 0, describeRun(dep));
  });
});
