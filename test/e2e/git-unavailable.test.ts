import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeTempDir, markdownSpec, parseJsonDocument, runSdd, writeFile, type RunResult } from '../helpers/cli.js';
import { cannotRunAsNobody, makeSharedTempDir, nobodyGitConfig, runSddAsNobody } from '../helpers/as-user.js';

/**
 * git refusing the repository (dubious ownership: a CI container running as another user) or
 * missing altogether: commands that need history exit 2 with git's message and the fix; check and
 * drift warn on stderr and mark `"git": false` in --json; nothing claims what it could not see.
 */

function project(): string {
  const root = makeSharedTempDir('sdd-git-');
  git(root, 'init', '--quiet');
  writeFile(root, '.sdd/.gitignore', '.cache/\n');
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/specs/login.md', markdownSpec({ id: 'login', title: 'Login', status: 'draft' }, '# Login\n'));
  git(root, 'add', '-A');
  git(root, 'commit', '--quiet', '-m', 'specs');
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) fs.chmodSync(path.join(root, rel), fs.statSync(path.join(root, rel)).isDirectory() ? 0o755 : 0o644);
  return root;
}

const HISTORY_COMMANDS = [['history', 'login'], ['audit', 'logs'], ['audit', 'verify']];

function assertNeedsHistory(r: RunResult, reason: RegExp, fix: RegExp): void {
  assert.equal(r.code, 2, describeRun(r));
  const { error } = parseJsonDocument(r.stdout) as { error: { code: string; message: string; fix: string } };
  assert.equal(error.code, 'git_unavailable', describeRun(r));
  assert.match(error.message, reason);
  assert.match(error.fix, fix);
}

const skip = cannotRunAsNobody();

// @sdd audit-trail/AUD-001
describe('e2e: git refuses the repository (dubious ownership)', { skip: skip ?? false }, () => {
  let root: string;
  let env: Record<string, string>;
  before(() => {
    root = project();
    const xdg = makeSharedTempDir('sdd-xdg-');
    fs.chownSync(xdg, 65534, 65534);
    env = { GIT_CONFIG_GLOBAL: nobodyGitConfig(false), XDG_CACHE_HOME: xdg };
  });

  for (const args of HISTORY_COMMANDS) {
    it(`sdd ${args.join(' ')} exits 2 with git's message and the safe.directory fix`, async () => {
      const r = await runSddAsNobody(['--json', ...args], root, env);
      assertNeedsHistory(r, /dubious ownership/, new RegExp(`safe\\.directory '?${root}`));
      const text = await runSddAsNobody(args, root, env);
      assert.equal(text.code, 2, describeRun(text));
      assert.doesNotMatch(text.stdout, /unchanged since committed|uncommitted|0 events/);
    });
  }

  for (const args of [['check'], ['drift']]) {
    it(`sdd ${args.join(' ')} warns on stderr and marks "git": false with the reason in --json`, async () => {
      const r = await runSddAsNobody(['--json', ...args], root, env);
      assert.notEqual(r.code, 2, describeRun(r));
      const doc = parseJsonDocument(r.stdout);
      assert.equal(doc.git, false, describeRun(r));
      assert.match(String(doc.git_reason), /dubious ownership/);
      assert.match(r.stderr, /warning: .*dubious ownership.*skipped/);
      assert.match(r.stderr, /safe\.directory/);
    });
  }

  it('with the repository trusted (safe.directory), no warning and history works', async () => {
    const trusted = { ...env, GIT_CONFIG_GLOBAL: nobodyGitConfig(true) };
    const r = await runSddAsNobody(['--json', 'check'], root, trusted);
    assert.equal(r.stderr, '', describeRun(r));
    assert.equal(parseJsonDocument(r.stdout).git, undefined);
    const h = await runSddAsNobody(['history', 'login'], root, trusted);
    assert.equal(h.code, 0, describeRun(h));
    assert.doesNotMatch(h.stdout, /uncommitted/);
  });
});

describe('e2e: git missing in a git repository', () => {
  let root: string;
  let noGit: Record<string, string>;
  before(() => {
    root = project();
    noGit = { PATH: makeTempDir('sdd-empty-bin-') };
  });

  for (const args of HISTORY_COMMANDS) {
    it(`sdd ${args.join(' ')} exits 2 saying git is not installed`, async () => {
      assertNeedsHistory(await runSdd(['--json', ...args], { cwd: root, env: noGit }), /git is not installed/, /Install git/);
    });
  }

  it('sdd check warns and marks "git": false', async () => {
    const r = await runSdd(['--json', 'check'], { cwd: root, env: noGit });
    assert.notEqual(r.code, 2, describeRun(r));
    assert.equal(parseJsonDocument(r.stdout).git, false);
    assert.match(r.stderr, /git is not installed/);
  });

  it('outside any repository, audit verify makes no claim about commits', async () => {
    const plain = makeSharedTempDir('sdd-nogit-');
    writeFile(plain, '.sdd/config.yaml', 'version: 1\n');
    const r = await runSdd(['audit', 'verify'], { cwd: plain, env: noGit });
    assert.equal(r.code, 0, describeRun(r));
    assert.doesNotMatch(r.stdout, /unchanged since committed/);
    assert.match(r.stdout, /not in a git repository/);
  });
});
