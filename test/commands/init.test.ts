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

describe('sdd init: where it may create a project', () => {
  it('refuses a --cwd that does not exist, creating nothing (as git -C)', async () => {
    const repo = makeGitRepo();
    const missing = path.join(repo, 'nonexistent', 'foo');
    for (const args of [['init', '--cwd', missing], ['list', '--cwd', missing]]) {
      const r = await sdd(args, { cwd: repo });
      assert.equal(r.code, 2, describeRun(r));
      assert.match(r.stderr, /^Error: --cwd .*nonexistent\/foo: .* is not an existing directory$/m);
      assert.doesNotMatch(r.stderr, /bug in sdd/);
    }
    assert.equal(fs.existsSync(path.join(repo, 'nonexistent')), false);
    const json = await sdd(['init', '--json', '--cwd', missing], { cwd: repo });
    assert.equal(parseJsonDocument(json.stdout).error && (parseJsonDocument(json.stdout).error as { code: string }).code, 'usage');
  });

  it('refuses inside an existing project, naming it, unless --force', async () => {
    const repo = makeGitRepo();
    assert.equal((await sdd(['init'], { cwd: repo })).code, 0);
    const inner = path.join(repo, '.sdd', 'specs', 'auth');
    fs.mkdirSync(inner, { recursive: true });
    const r = await sdd(['init'], { cwd: inner });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, new RegExp(`^Error: .*auth is inside the sdd project at ${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    assert.match(r.stderr, /--force/);
    assert.equal(fs.existsSync(path.join(inner, '.sdd')), false);

    const forced = await sdd(['init', '--force'], { cwd: inner });
    assert.equal(forced.code, 0, describeRun(forced));
    assert.ok(fs.existsSync(path.join(inner, '.sdd', 'config.yaml')));
    // Re-running at the root of the outer project is still the idempotent no-op.
    assert.equal((await sdd(['init'], { cwd: repo })).code, 0);
  });

  it('writes a $schema that works on every clone: never this machine\'s install path', async () => {
    const repo = makeGitRepo();
    assert.equal((await sdd(['init'], { cwd: repo })).code, 0);
    const first = fs.readFileSync(path.join(repo, '.sdd/config.yaml'), 'utf8').split('\n')[0];
    const ref = /\$schema=(\S+)$/.exec(first)?.[1] ?? '';
    assert.match(ref, /^(https:\/\/unpkg\.com\/sdd@\d+\.\d+\.\d+[^/]*\/schemas\/config\.schema\.json|\.\.\/node_modules\/sdd\/schemas\/config\.schema\.json)$/);
    assert.ok(!path.isAbsolute(ref));
  });

  it('`init --help` names every file it creates', async () => {
    const repo = makeGitRepo();
    const help = await sdd(['init', '--help'], { cwd: repo });
    assert.equal((await sdd(['init', '--json'], { cwd: repo })).code, 0);
    const created = fs.readdirSync(path.join(repo, '.sdd'));
    for (const f of created) assert.ok(help.stdout.includes(f), `init --help does not mention ${f}`);
  });
});
