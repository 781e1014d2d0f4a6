import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, parseJsonDocument } from '../helpers/cli.js';
import { runCommand, sdd } from '../helpers/in-process.js';
import { run } from '../../src/commands/init.js';

describe('sdd init', () => {
  it('creates the project files in an empty repository, and a second run creates none', async () => {
    const repo = makeGitRepo();
    const first = await runCommand(run, { args: [] }, { cwd: repo, globals: { json: true } });
    assert.equal(first.code, 0, first.stderr);
    const created = parseJsonDocument(first.stdout).created as string[];
    assert.ok(created.includes('.sdd/config.yaml'));
    for (const f of created) assert.ok(fs.existsSync(path.join(repo, f)), `${f} was reported but not written`);
    assert.ok(fs.statSync(path.join(repo, '.sdd/specs')).isDirectory());

    const again = await sdd(['init', '--json'], { cwd: repo });
    assert.equal(again.code, 0, describeRun(again));
    const doc = parseJsonDocument(again.stdout);
    assert.deepEqual(doc.created, []);
    assert.deepEqual([...(doc.existing as string[])].sort(), [...created].sort());
  });
});
