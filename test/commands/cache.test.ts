import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd cache', () => {
  it('without a subcommand prints the usage of its four subcommands and exits 2', async () => {
    const repo = makeProject();
    const r = await sdd(['cache'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    for (const sub of ['rebuild', 'status', 'clear', 'verify']) assert.match(r.stderr, new RegExp(`^  ${sub}\\b`, 'm'));
  });
});
