import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { commitAll, makeProject } from '../helpers/project.js';

describe('sdd audit', () => {
  it('logs joins spec commits with decisions; --actor filters; verify catches an edited decision', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['approve', 'login', '--as', 'bob@example.com'], { cwd: repo, env: { SDD_NOW: '2024-05-02T09:00:00Z' } })).code, 0);
    commitAll(repo, 'approve login', '2024-05-02T09:05:00Z');

    const logs = await sdd(['audit', 'logs', '--json'], { cwd: repo });
    assert.equal(logs.code, 0, describeRun(logs));
    const events = parseJsonDocument(logs.stdout).events as Array<{ action: string; resource: string; actor: string }>;
    assert.deepEqual(events.filter((e) => e.action === 'spec.created').map((e) => e.resource).sort(), ['login', 'reports', 'session']);
    assert.deepEqual(events.filter((e) => e.action === 'spec.approved').map((e) => [e.resource, e.actor]), [['login', 'bob@example.com']]);

    const bob = await sdd(['audit', 'logs', '--actor', 'bob@example.com', '--json'], { cwd: repo });
    assert.deepEqual((parseJsonDocument(bob.stdout).events as Array<{ action: string }>).map((e) => e.action), ['spec.approved']);

    assert.equal((await sdd(['audit', 'verify'], { cwd: repo })).code, 0);
    const dir = path.join(repo, '.sdd/approvals/login');
    const [file] = fs.readdirSync(dir);
    fs.writeFileSync(path.join(dir, file), fs.readFileSync(path.join(dir, file), 'utf8').replace('bob@example.com', 'eve@example.com'));
    commitAll(repo, 'edit a decision', '2024-05-03T09:00:00Z');
    const tampered = await sdd(['audit', 'verify'], { cwd: repo });
    assert.equal(tampered.code, 1, describeRun(tampered));
    assert.match(tampered.stdout + tampered.stderr, new RegExp(file.replace(/\./g, '\\.')));
  });
});
