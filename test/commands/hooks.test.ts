import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd hooks', () => {
  it('without a subcommand prints the usage of install, status and uninstall and exits 2', async () => {
    const repo = makeProject();
    const r = await sdd(['hooks'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    for (const sub of ['install', 'status', 'uninstall']) assert.match(r.stderr, new RegExp(`^  ${sub}\\b`, 'm'));
  });
});
