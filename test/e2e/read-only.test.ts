import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, markdownSpec, parseJsonDocument, runSdd, writeFile } from '../helpers/cli.js';
import { cannotRunAsNobody, makeSharedTempDir, runSddAsNobody } from '../helpers/as-user.js';

/**
 * A checkout sdd may not write (a CI container running as another user, someone else's clone, a
 * read-only mount) or whose cache folder is broken: read commands answer from an index in the
 * user's cache folder or in memory; write commands fail naming the file they would write.
 */

const SPEC = '.sdd/specs/login.md';

function project(): string {
  const root = makeSharedTempDir('sdd-ro-');
  git(root, 'init', '--quiet');
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, SPEC, markdownSpec({ id: 'login', title: 'Login', status: 'draft' }, '# Login\n\n## Requirements\n\n- **REQ-001** The system MUST log users in.\n'));
  writeFile(root, '.sdd/specs/logout.md', markdownSpec({ id: 'logout', title: 'Logout', status: 'draft' }, '# Logout\n'));
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '-m', 'specs');
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) fs.chmodSync(path.join(root, rel), fs.statSync(path.join(root, rel)).isDirectory() ? 0o755 : 0o644);
  return root;
}

const skip = cannotRunAsNobody();

// @sdd index-cache/IDX-002
describe('e2e: a checkout sdd may not write', { skip: skip ?? false }, () => {
  let root: string;
  let before_: string;
  before(() => {
    root = project();
    before_ = fs.readFileSync(path.join(root, SPEC), 'utf8');
  });

  for (const [label, vars] of [
    ['with the index in $XDG_CACHE_HOME', (xdg: string) => ({ XDG_CACHE_HOME: xdg })],
    ['with no writable cache folder at all (in memory)', () => ({ XDG_CACHE_HOME: makeSharedTempDir('sdd-root-only-') })],
  ] as const) {
    it(`list, validate, search and show work ${label}`, async () => {
      const xdg = makeSharedTempDir('sdd-xdg-');
      fs.chownSync(xdg, 65534, 65534);
      const env = vars(xdg);
      const list = await runSddAsNobody(['--json', 'list'], root, env);
      assert.equal(list.code, 0, describeRun(list));
      assert.equal(list.stderr, '');
      assert.deepEqual((parseJsonDocument(list.stdout).specs as Array<{ id: string }>).map((s) => s.id), ['login', 'logout']);
      const validate = await runSddAsNobody(['validate'], root, env);
      assert.equal(validate.code, 0, describeRun(validate));
      assert.match(validate.stdout, /no problems in 2 files/);
      const search = await runSddAsNobody(['search', 'users'], root, env);
      assert.equal(search.code, 0, describeRun(search));
      assert.match(search.stdout, /login/);
      const show = await runSddAsNobody(['show', 'login'], root, env);
      assert.equal(show.code, 0, describeRun(show));
      assert.ok(!fs.existsSync(path.join(root, '.sdd/.cache')), 'nothing written into the checkout');
      if (env.XDG_CACHE_HOME === xdg) assert.equal((fs.readdirSync(path.join(xdg, 'sdd', 'index'))).length, 1, 'one index for this project');
    });
  }

  it('sdd status fails naming the spec it would write, with a fix, and changes nothing', async () => {
    const r = await runSddAsNobody(['--json', 'status', 'login', 'review'], root);
    assert.equal(r.code, 2, describeRun(r));
    const { error } = parseJsonDocument(r.stdout) as { error: { code: string; target: string; fix: string; message: string } };
    assert.equal(error.code, 'file_not_writable');
    assert.equal(error.target, path.join(root, SPEC));
    assert.match(error.message, /permission denied/);
    assert.match(error.fix, /write access/);
    assert.equal(fs.readFileSync(path.join(root, SPEC), 'utf8'), before_);
  });

  it('sdd new fails naming the spec file it would create', async () => {
    const r = await runSddAsNobody(['new', 'spec', 'Password reset'], root);
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /password-reset\.md/);
    assert.doesNotMatch(r.stderr, /\.tmp|bug in sdd/);
    assert.ok(!fs.existsSync(path.join(root, '.sdd/specs/password-reset.md')));
  });
});

describe('e2e: a broken cache folder', () => {
  it('.sdd/.cache is a file: read commands work and the file is left alone', async () => {
    const root = project();
    fs.writeFileSync(path.join(root, '.sdd/.cache'), 'my notes\n');
    const r = await runSdd(['--json', 'list'], { cwd: root, env: { XDG_CACHE_HOME: makeSharedTempDir('sdd-xdg-') } });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr, '');
    assert.equal((parseJsonDocument(r.stdout).specs as unknown[]).length, 2);
    assert.equal(fs.readFileSync(path.join(root, '.sdd/.cache'), 'utf8'), 'my notes\n');
  });

  it('.sdd/.cache/sdd.db is a folder: validate works, cache clear refuses naming it, the folder stays', async () => {
    const root = project();
    const db = path.join(root, '.sdd/.cache/sdd.db');
    fs.mkdirSync(db, { recursive: true });
    fs.writeFileSync(path.join(db, 'keep.txt'), 'x');
    const env = { XDG_CACHE_HOME: makeSharedTempDir('sdd-xdg-') };
    const v = await runSdd(['validate'], { cwd: root, env });
    assert.equal(v.code, 0, describeRun(v));
    assert.match(v.stdout, /no problems in 2 files/);
    const c = await runSdd(['--json', 'cache', 'clear'], { cwd: root, env });
    assert.equal(c.code, 2, describeRun(c));
    const { error } = parseJsonDocument(c.stdout) as { error: { code: string; target: string } };
    assert.equal(error.code, 'cache_not_index');
    assert.equal(error.target, db);
    assert.ok(fs.existsSync(path.join(db, 'keep.txt')));
  });
});
