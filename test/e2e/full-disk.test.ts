import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, markdownSpec, parseJsonDocument, runSdd, writeFile } from '../helpers/cli.js';
import { mountSmallDisk, unmountSmallDisk } from '../helpers/tmpfs.js';

/**
 * A full disk (a 2 MiB tmpfs filled to the last byte): read commands still answer (the index
 * falls back to memory); writes fail with disk_full naming the spec, and leave no temp file and
 * no empty folder that `git add -A` would commit.
 */

let mount: string | null = null;
let reason = '';

function fill(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch {
    // ENOSPC: full.
  } finally {
    fs.closeSync(fd);
  }
}

/** Every path under `dir`, to compare before and after. */
const tree = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => !p.startsWith('.git')).sort();

describe('e2e: a full disk', () => {
  let root: string;
  before(() => {
    const disk = mountSmallDisk('2m', 'sdd-fulldisk-');
    if (disk.dir === null) {
      reason = disk.reason;
      return;
    }
    mount = disk.dir;
    root = path.join(mount, 'project');
    fs.mkdirSync(root);
    git(root, 'init', '--quiet');
    writeFile(root, '.sdd/config.yaml', 'version: 1\n');
    writeFile(root, '.sdd/specs/login.md', markdownSpec({ id: 'login', title: 'Login', status: 'review', owner: 'ana' }, '# Login\n'));
    git(root, 'add', '-A');
    git(root, 'commit', '--quiet', '-m', 'specs');
    fill(mount);
  });
  after(() => {
    unmountSmallDisk(mount);
  });

  it('list and validate still answer', async (t) => {
    if (!mount) return t.skip(reason);
    const env = { XDG_CACHE_HOME: path.join(mount, 'xdg') };
    const list = await runSdd(['--json', 'list'], { cwd: root, env });
    assert.equal(list.code, 0, describeRun(list));
    assert.equal((parseJsonDocument(list.stdout).specs as unknown[]).length, 1);
    const v = await runSdd(['validate'], { cwd: root, env });
    assert.equal(v.code, 0, describeRun(v));
  });

  for (const args of [['new', 'spec', 'Billing', '--domain', 'pay'], ['status', 'login', 'approved', '--force'], ['status', 'login', 'draft']]) {
    it(`sdd ${args.join(' ')} fails with disk_full naming the spec and leaves nothing behind`, async (t) => {
      if (!mount) return t.skip(reason);
      const before = tree(root);
      const spec = fs.readFileSync(path.join(root, '.sdd/specs/login.md'), 'utf8');
      const r = await runSdd(['--json', ...args], { cwd: root, env: { XDG_CACHE_HOME: path.join(mount, 'xdg') } });
      assert.equal(r.code, 2, describeRun(r));
      const { error } = parseJsonDocument(r.stdout) as { error: { code: string; target: string; message: string } };
      if (args[0] === 'status' && error.code !== 'disk_full') return; // a gate refused first: nothing was written either
      assert.equal(error.code, 'disk_full', describeRun(r));
      assert.match(error.target, /\.sdd\/specs\/.*\.md$/);
      assert.doesNotMatch(error.target, /\.tmp$/);
      assert.deepEqual(tree(root), before);
      assert.equal(fs.readFileSync(path.join(root, '.sdd/specs/login.md'), 'utf8'), spec);
    });
  }
});
