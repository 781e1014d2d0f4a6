import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, gitResult, makeGitRepo, makeTempDir, markdownSpec, REPO_ROOT, writeFile, type RunResult } from '../helpers/cli.js';

/**
 * The pre-commit framework (https://pre-commit.com) installing sdd straight from its git
 * repository, as a user's `.pre-commit-config.yaml` makes it: clone, `npm install` (which builds
 * dist/ through `prepare`), `npm pack`, `npm install -g` of the tarball, then the hook. That
 * install compiles better-sqlite3 from source twice (minutes on a small machine), so the file
 * installs once and then makes real commits; CI runs it as a step of its own.
 */

const hasPreCommit = spawnSync('pre-commit', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = !hasPreCommit && process.env.CI !== 'true'
  ? 'pre-commit is not installed (apt-get install pre-commit); CI=true makes this a failure instead of a skip'
  : false;

function spec(extra = ''): string {
  return markdownSpec({ id: 'a', title: 'A', status: 'draft', domain: 'core' }, `# A\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n${extra}`);
}

const B_BODY = '# B\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n';

function preCommit(cwd: string, args: string[], env: Record<string, string>): RunResult {
  const r = spawnSync('pre-commit', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A clone of this repository with the working tree's uncommitted changes to tracked files
 * committed on top, the way `pre-commit try-repo` tries a checkout that is being worked on.
 */
function cloneWithChanges(): { dir: string; rev: string } {
  const dir = path.join(makeTempDir('sdd-hook-repo-'), 'sdd');
  execFileSync('git', ['clone', '-q', '--no-hardlinks', REPO_ROOT, dir], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  const diff = execFileSync('git', ['diff', 'HEAD', '--binary'], { cwd: REPO_ROOT, maxBuffer: 1 << 28 });
  if (diff.length) {
    execFileSync('git', ['apply', '--whitespace=nowarn'], { cwd: dir, input: diff });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'uncommitted changes under test');
  }
  return { dir, rev: git(dir, 'rev-parse', 'HEAD') };
}

// @sdd git-hooks/HOOK-012
describe('pre-commit framework', { skip }, () => {
  let consumer: string;
  let env: Record<string, string>;

  before(() => {
    assert.ok(hasPreCommit, 'pre-commit is not installed, and CI=true: install it (apt-get install pre-commit)');
    const { dir, rev } = cloneWithChanges();
    consumer = makeGitRepo();
    // JOBS lets node-gyp compile better-sqlite3 on every core.
    env = { PRE_COMMIT_HOME: makeTempDir('sdd-pre-commit-home-'), JOBS: 'max' };
    writeFile(consumer, '.pre-commit-config.yaml', `repos:\n  - repo: ${JSON.stringify(dir)}\n    rev: ${rev}\n    hooks:\n      - id: sdd-check\n`);
    writeFile(consumer, '.sdd/config.yaml', 'version: 1\n');
    // As `sdd init` writes it: the index cache is never committed (pre-commit would see the hook modify it).
    writeFile(consumer, '.sdd/.gitignore', '.cache/\n');
    writeFile(consumer, '.sdd/specs/core/a.md', spec());
    git(consumer, 'add', '-A');
    git(consumer, 'commit', '-q', '-m', 'start');
    const installed = preCommit(consumer, ['install', '--install-hooks'], env);
    assert.equal(installed.code, 0, describeRun(installed));
  });

  it('the manifest is valid', () => {
    const r = preCommit(REPO_ROOT, ['validate-manifest', '.pre-commit-hooks.yaml'], {});
    assert.equal(r.code, 0, describeRun(r));
  });

  it('pre-commit run fails on a bad staged spec with the finding, and passes once it is fixed', () => {
    writeFile(consumer, '.sdd/specs/core/a.md', spec('- **REQ-001** The system MUST work twice.\n'));
    git(consumer, 'add', '-A');
    const bad = preCommit(consumer, ['run', 'sdd-check'], env);
    assert.equal(bad.code, 1, describeRun(bad));
    assert.match(bad.stdout, /sdd check \(staged specs\)\.+Failed/);
    assert.match(bad.stdout, /Requirement REQ-001 is defined twice/);
    writeFile(consumer, '.sdd/specs/core/a.md', spec('- **REQ-002** The system MUST log.\n'));
    git(consumer, 'add', '-A');
    const good = preCommit(consumer, ['run', 'sdd-check'], env);
    assert.equal(good.code, 0, describeRun(good));
    assert.match(good.stdout, /sdd check \(staged specs\)\.+Passed/);
  });

  it('the installed git hook stops a bad commit and lets a good one through', async () => {
    writeFile(consumer, '.sdd/specs/core/b.md', markdownSpec({ id: 'b', title: 'B', status: 'draft', domain: 'core', depends_on: '[ghost]' }, B_BODY));
    git(consumer, 'add', '-A');
    const before = git(consumer, 'rev-parse', 'HEAD');
    const stopped = await gitResult(consumer, ['commit', '-q', '-m', 'bad'], env);
    assert.notEqual(stopped.code, 0, describeRun(stopped));
    assert.match(stopped.stdout + stopped.stderr, /depends_on names "ghost", but no spec has that id/);
    assert.equal(git(consumer, 'rev-parse', 'HEAD'), before);
    fs.writeFileSync(path.join(consumer, '.sdd/specs/core/b.md'), markdownSpec({ id: 'b', title: 'B', status: 'draft', domain: 'core', depends_on: '[a]' }, B_BODY));
    git(consumer, 'add', '-A');
    const ok = await gitResult(consumer, ['commit', '-q', '-m', 'good'], env);
    assert.equal(ok.code, 0, describeRun(ok));
    assert.notEqual(git(consumer, 'rev-parse', 'HEAD'), before);
  });
});

// @sdd git-hooks/HOOK-012
describe('pre-commit try-repo', { skip }, () => {
  it('trying this repository from a consumer repository fails on a bad staged spec', () => {
    // try-repo installs afresh each time (minutes), so it is tried once, on the failing case;
    // the passing case is covered through .pre-commit-config.yaml above.
    const consumer = makeGitRepo();
    writeFile(consumer, '.sdd/config.yaml', 'version: 1\n');
    writeFile(consumer, '.sdd/.gitignore', '.cache/\n');
    writeFile(consumer, '.sdd/specs/core/a.md', spec());
    git(consumer, 'add', '-A');
    git(consumer, 'commit', '-q', '-m', 'start');
    writeFile(consumer, '.sdd/specs/core/a.md', spec('- **REQ-001** The system MUST work twice.\n'));
    git(consumer, 'add', '-A');
    const r = preCommit(consumer, ['try-repo', REPO_ROOT, 'sdd-check'], { PRE_COMMIT_HOME: makeTempDir('sdd-pre-commit-home-'), JOBS: 'max' });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stdout, /sdd check \(staged specs\)\.+Failed/);
    assert.match(r.stdout, /Requirement REQ-001 is defined twice/);
  });
});
