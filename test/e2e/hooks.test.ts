import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, gitResult, makeGitRepo, makeTempDir, markdownSpec, parseJsonDocument, SDD_BIN, writeFile, type RunResult } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

function spec(id: string, extra = ''): string {
  return markdownSpec({ id, title: id.toUpperCase(), status: 'draft', domain: 'core' }, `# ${id.toUpperCase()}\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n${extra}`);
}
/** Breaks unique-requirement-id, an error. */
const badSpec = (id: string) => spec(id, '- **REQ-001** The system MUST work twice.\n');

/** A script that runs the sdd under test, as npm links a devDependency's bin or a global install. */
function writeSddShim(dir: string): string {
  const file = path.join(dir, 'sdd');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\nexec '${process.execPath}' '${SDD_BIN}' "$@"\n`, { mode: 0o755 });
  return file;
}

/** A committed project with one clean spec; `shim` puts sdd in node_modules/.bin (gitignored). */
function project(opts: { shim?: boolean } = {}): string {
  const root = makeGitRepo();
  writeFile(root, '.gitignore', 'node_modules/\n');
  writeFile(root, '.sdd/.gitignore', '.cache/\n');
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/specs/core/a.md', spec('a'));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'start');
  if (opts.shim !== false) writeSddShim(path.join(root, 'node_modules', '.bin'));
  return root;
}

/** A PATH with the system tools but certainly no sdd on it. */
function pathWithoutSdd(): string {
  const dirs = ['/usr/local/bin', '/usr/bin', '/bin'].filter((d) => fs.existsSync(d));
  for (const d of dirs) assert.equal(fs.existsSync(path.join(d, 'sdd')), false, `${d}/sdd exists: this test needs a PATH without sdd`);
  return dirs.join(path.delimiter);
}

async function install(root: string, ...args: string[]): Promise<RunResult> {
  const r = await runSddInProcess(['hooks', 'install', ...args], { cwd: root });
  assert.equal(r.code, 0, describeRun(r));
  return r;
}

const head = (root: string) => git(root, 'rev-parse', 'HEAD');

async function commit(root: string, env: Record<string, string | undefined> = {}, ...args: string[]): Promise<RunResult> {
  return gitResult(root, ['commit', '-q', '-m', 'change', ...args], env);
}

describe('sdd hooks (real git commits)', () => {
  it('a bad staged spec stops the commit with the finding and a hint; a good one is committed', async () => {
    const root = project();
    await install(root);
    writeFile(root, '.sdd/specs/core/b.md', badSpec('b'));
    git(root, 'add', '-A');
    const before = head(root);
    const stopped = await commit(root);
    assert.notEqual(stopped.code, 0, describeRun(stopped));
    assert.equal(head(root), before);
    // git sends a hook's stdout to stderr.
    assert.match(stopped.stderr, /\.sdd\/specs\/core\/b\.md\n\s+\d+:\d+\s+error\s+Requirement REQ-001 is defined twice/);
    assert.match(stopped.stderr, /sdd: commit stopped by the spec check above .*git commit --no-verify skips hooks/);
    writeFile(root, '.sdd/specs/core/b.md', spec('b'));
    git(root, 'add', '-A');
    const ok = await commit(root);
    assert.equal(ok.code, 0, describeRun(ok));
    assert.notEqual(head(root), before);
  });

  it('a bad unstaged edit does not stop a good staged change', async () => {
    const root = project();
    await install(root);
    writeFile(root, '.sdd/specs/core/b.md', spec('b'));
    git(root, 'add', '-A');
    writeFile(root, '.sdd/specs/core/b.md', badSpec('b'));
    writeFile(root, '.sdd/specs/core/a.md', '---\nid: [broken\n---\n');
    const r = await commit(root);
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(git(root, 'show', 'HEAD:.sdd/specs/core/b.md'), spec('b').trimEnd());
  });

  // @sdd git-hooks/HOOK-001
  it('`git commit <path>` is checked through the temporary index git gives the hook', async () => {
    const root = project();
    await install(root);
    // Nothing is staged; committing the path takes the file as it is on disk.
    writeFile(root, '.sdd/specs/core/a.md', badSpec('a'));
    const r = await commit(root, {}, '.sdd/specs/core/a.md');
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(r.stderr, /defined twice/);
  });

  // @sdd git-hooks/HOOK-008
  it('an existing hook keeps running first, can still stop the commit, and comes back byte for byte', async () => {
    const root = project();
    const hook = path.join(root, '.git', 'hooks', 'pre-commit');
    const original = '#!/bin/sh\necho "legacy ran" >> "$(git rev-parse --show-toplevel)/legacy.log"\n[ ! -f "$(git rev-parse --show-toplevel)/block-me" ]';
    writeFile(root, '.git/hooks/pre-commit', original);
    fs.chmodSync(hook, 0o750);
    const installed = await install(root);
    assert.match(installed.stdout, /previous pre-commit hook is kept as \.git\/hooks\/pre-commit\.sdd-chained and runs first/);
    writeFile(root, '.sdd/specs/core/b.md', spec('b'));
    git(root, 'add', '.sdd');
    const ok = await commit(root);
    assert.equal(ok.code, 0, describeRun(ok));
    assert.equal(fs.readFileSync(path.join(root, 'legacy.log'), 'utf8'), 'legacy ran\n');
    writeFile(root, 'block-me', '');
    writeFile(root, '.sdd/specs/core/c.md', spec('c'));
    git(root, 'add', '.sdd');
    assert.notEqual((await commit(root)).code, 0, 'the chained hook failing stops the commit');
    const removed = await runSddInProcess(['hooks', 'uninstall'], { cwd: root });
    assert.equal(removed.code, 0, describeRun(removed));
    assert.equal(fs.readFileSync(hook, 'utf8'), original);
    assert.equal(fs.statSync(hook).mode & 0o777, 0o750);
    assert.equal(fs.existsSync(`${hook}.sdd-chained`), false);
  });

  // @sdd git-hooks/HOOK-007
  it('install is idempotent', async () => {
    const root = project();
    writeFile(root, '.git/hooks/pre-commit', '#!/bin/sh\nexit 0\n');
    fs.chmodSync(path.join(root, '.git/hooks/pre-commit'), 0o755);
    await install(root);
    const snapshot = () => Object.fromEntries(fs.readdirSync(path.join(root, '.git', 'hooks')).filter((f) => !f.endsWith('.sample')).map((f) => [f, fs.readFileSync(path.join(root, '.git', 'hooks', f), 'utf8')]));
    const first = snapshot();
    const again = await install(root);
    assert.match(again.stdout, /pre-commit: already installed/);
    assert.deepEqual(snapshot(), first);
    assert.deepEqual(Object.keys(first).sort(), ['pre-commit', 'pre-commit.sdd-chained']);
  });

  // @sdd git-hooks/HOOK-007
  it('honours a relative core.hooksPath', async () => {
    const root = project();
    git(root, 'config', 'core.hooksPath', '.githooks');
    await install(root);
    assert.ok(fs.existsSync(path.join(root, '.githooks', 'pre-commit')));
    assert.equal(fs.existsSync(path.join(root, '.git', 'hooks', 'pre-commit')), false);
    const status = await runSddInProcess(['hooks', 'status'], { cwd: root });
    assert.match(status.stdout, /^hooks dir\s+\.githooks \(core\.hooksPath = \.githooks\)$/m);
    assert.match(status.stdout, /^pre-commit\s+installed: \.githooks\/pre-commit$/m);
    writeFile(root, '.sdd/specs/core/b.md', badSpec('b'));
    git(root, 'add', '.sdd');
    assert.notEqual((await commit(root)).code, 0);
  });

  // @sdd git-hooks/HOOK-010
  it('finds a global sdd on PATH when there is no local one, and lets the commit through with a warning when there is none', async () => {
    const root = project({ shim: false });
    await install(root);
    writeFile(root, '.sdd/specs/core/b.md', badSpec('b'));
    git(root, 'add', '-A');
    const globalBin = path.dirname(writeSddShim(path.join(makeTempDir(), 'bin')));
    const noSdd = pathWithoutSdd();
    const viaPath = await commit(root, { PATH: `${globalBin}${path.delimiter}${noSdd}` });
    assert.notEqual(viaPath.code, 0, describeRun(viaPath));
    assert.match(viaPath.stderr, /defined twice/);
    const none = await commit(root, { PATH: noSdd });
    assert.equal(none.code, 0, describeRun(none));
    assert.match(none.stderr, /sdd: pre-commit spec check skipped: sdd is neither in node_modules\/.bin \(run npm install\) nor on PATH/);
  });

  // @sdd git-hooks/HOOK-009
  it('husky v9: a block in .husky/pre-commit runs before the commands already there', async () => {
    const root = project();
    // husky 9's layout: core.hooksPath=.husky/_, a stub per hook that sources `h`, which runs .husky/<hook>.
    writeFile(root, '.husky/_/h', '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nexport PATH="node_modules/.bin:$PATH"\nsh -e "$s" "$@"\nc=$?\n[ $c != 0 ] && echo "husky - $n script failed (code $c)"\nexit $c\n');
    writeFile(root, '.husky/_/pre-commit', '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
    writeFile(root, '.husky/_/.gitignore', '*\n');
    fs.chmodSync(path.join(root, '.husky/_/pre-commit'), 0o755);
    const userHook = 'echo "user hook ran" >> husky.log\n';
    writeFile(root, '.husky/pre-commit', userHook);
    git(root, 'config', 'core.hooksPath', '.husky/_');
    const installed = await install(root);
    assert.match(installed.stdout, /pre-commit: installed \.husky\/pre-commit/);
    assert.equal(fs.readFileSync(path.join(root, '.husky/_/pre-commit'), 'utf8'), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
    writeFile(root, '.sdd/specs/core/b.md', badSpec('b'));
    git(root, 'add', '.sdd');
    const stopped = await commit(root);
    assert.notEqual(stopped.code, 0, describeRun(stopped));
    assert.equal(fs.existsSync(path.join(root, 'husky.log')), false, 'sdd runs first and stops the hook');
    writeFile(root, '.sdd/specs/core/b.md', spec('b'));
    git(root, 'add', '.sdd');
    assert.equal((await commit(root)).code, 0);
    assert.equal(fs.readFileSync(path.join(root, 'husky.log'), 'utf8'), 'user hook ran\n');
    await runSddInProcess(['hooks', 'uninstall'], { cwd: root });
    assert.equal(fs.readFileSync(path.join(root, '.husky/pre-commit'), 'utf8'), userHook);
  });

  // @sdd git-hooks/HOOK-007
  it('in a linked worktree the hook goes where git looks for it (shared) and checks that worktree', async () => {
    const root = project();
    const wt = path.join(makeTempDir(), 'wt');
    git(root, 'worktree', 'add', '-q', wt);
    writeSddShim(path.join(wt, 'node_modules', '.bin'));
    await install(wt);
    assert.ok(fs.existsSync(path.join(root, '.git', 'hooks', 'pre-commit')));
    writeFile(wt, '.sdd/specs/core/b.md', badSpec('b'));
    git(wt, 'add', '.sdd');
    const r = await commit(wt);
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(r.stderr, /defined twice/);
  });

  it('--pre-push: the full check runs before a push; a chained pre-push hook still gets its refs on stdin', async () => {
    const root = project();
    const remote = makeTempDir('sdd-remote-');
    git(remote, 'init', '-q', '--bare');
    git(root, 'remote', 'add', 'origin', remote);
    writeFile(root, '.git/hooks/pre-push', '#!/bin/sh\ncat > "$(git rev-parse --show-toplevel)/push-refs.log"\n');
    fs.chmodSync(path.join(root, '.git/hooks/pre-push'), 0o755);
    await install(root, '--pre-push');
    const branch = git(root, 'rev-parse', '--abbrev-ref', 'HEAD');
    const pushed = await gitResult(root, ['push', '-q', 'origin', branch]);
    assert.equal(pushed.code, 0, describeRun(pushed));
    assert.match(fs.readFileSync(path.join(root, 'push-refs.log'), 'utf8'), new RegExp(`^refs/heads/${branch} [0-9a-f]{40} refs/heads/${branch} `));
    writeFile(root, '.sdd/specs/core/b.md', badSpec('b'));
    git(root, 'add', '.sdd');
    git(root, 'commit', '-q', '--no-verify', '-m', 'bad, skipping the pre-commit hook');
    const stopped = await gitResult(root, ['push', '-q', 'origin', branch]);
    assert.notEqual(stopped.code, 0, describeRun(stopped));
    assert.match(stopped.stderr, /sdd: push stopped by the spec check above/);
  });

  // @sdd git-hooks/HOOK-011
  it('status --json is one document with an empty stderr; outside git the commands exit 2', async () => {
    const root = project();
    await install(root, '--pre-push');
    const r = await runSddInProcess(['hooks', 'status', '--json'], { cwd: root });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr, '');
    const doc = parseJsonDocument(r.stdout);
    assert.equal(doc.hooks_dir, path.join(root, '.git', 'hooks'));
    assert.deepEqual((doc.sdd as { kind: string }).kind, 'local');
    assert.deepEqual((doc.hooks as Array<{ name: string; installed: boolean; current: boolean }>).map((h) => [h.name, h.installed, h.current]), [['pre-commit', true, true], ['pre-push', true, true]]);
    const plain = makeTempDir();
    writeFile(plain, '.sdd/config.yaml', 'version: 1\n');
    const outside = await runSddInProcess(['hooks', 'install', '--json'], { cwd: plain });
    assert.equal(outside.code, 2);
    assert.equal(outside.stderr, '');
    assert.equal((parseJsonDocument(outside.stdout).error as { code: string }).code, 'not_a_git_repository');
  });

  it('a core.hooksPath that names a file is an error naming the hook file, not a crash', async () => {
    const root = project();
    writeFile(root, 'not-a-folder', 'x\n');
    git(root, 'config', 'core.hooksPath', 'not-a-folder');
    const r = await runSddInProcess(['hooks', 'install'], { cwd: root });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /^Error: .*not-a-folder\/pre-commit: Cannot change the hook file: a part of its path is a file, not a folder$/m);
    assert.match(r.stderr, /^Fix: Make the hooks folder/m);
    assert.doesNotMatch(r.stderr, /Unexpected failure|at .*\.js:\d+/);
  });

  it('a hook replaced after install is a conflict that names the files and changes nothing', async () => {
    const root = project();
    const hook = path.join(root, '.git', 'hooks', 'pre-commit');
    writeFile(root, '.git/hooks/pre-commit', '#!/bin/sh\necho first\n');
    await install(root);
    writeFile(root, '.git/hooks/pre-commit', '#!/bin/sh\necho replaced\n');
    const r = await runSddInProcess(['hooks', 'install'], { cwd: root });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, new RegExp(`^Error: ${hook.replace(/[.]/g, '\\.')}: Both .*pre-commit\\.sdd-chained exist`, 'm'));
    assert.match(r.stderr, /^Fix: /m);
    assert.equal(fs.readFileSync(hook, 'utf8'), '#!/bin/sh\necho replaced\n');
  });
});

// @sdd git-hooks/HOOK-013
describe('sdd hooks install registers the merge driver', () => {
  const tagged = (tags: string) => markdownSpec({ id: 'a', title: 'A', status: 'draft', domain: 'core', tags }, '# A\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n');

  /** Two branches that each add a tag to spec a (one line, edited on both sides). */
  function divergingBranches(root: string): void {
    writeFile(root, '.sdd/specs/core/a.md', tagged('[base]'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'tags');
    git(root, 'checkout', '-q', '-b', 'left');
    writeFile(root, '.sdd/specs/core/a.md', tagged('[base, left]'));
    git(root, 'commit', '-q', '-am', 'left');
    git(root, 'checkout', '-q', '-');
    writeFile(root, '.sdd/specs/core/a.md', tagged('[base, right]'));
    git(root, 'commit', '-q', '-am', 'right');
  }

  it('a real git merge of both tag edits is clean through the driver; uninstall removes it', async () => {
    const root = project();
    const r = await install(root, '--json');
    const doc = parseJsonDocument(r.stdout) as { merge_driver: { config_changed: boolean; attributes_changed: boolean } };
    assert.deepEqual(doc.merge_driver && [doc.merge_driver.config_changed, doc.merge_driver.attributes_changed], [true, true]);
    assert.match(fs.readFileSync(path.join(root, '.gitattributes'), 'utf8'), /^\.sdd\/specs\/\*\* merge=sdd$/m);
    const status = parseJsonDocument((await runSddInProcess(['hooks', 'status', '--json'], { cwd: root })).stdout) as { merge_driver: { active: boolean } };
    assert.equal(status.merge_driver.active, true);
    git(root, 'add', '.gitattributes');
    git(root, 'commit', '-q', '--no-verify', '-m', 'attributes');
    divergingBranches(root);
    const merged = await gitResult(root, ['merge', '-q', '--no-edit', 'left']);
    assert.equal(merged.code, 0, describeRun(merged));
    assert.match(fs.readFileSync(path.join(root, '.sdd/specs/core/a.md'), 'utf8'), /^tags: \[base, right, left\]$/m);

    const un = await runSddInProcess(['hooks', 'uninstall'], { cwd: root });
    assert.equal(un.code, 0, describeRun(un));
    assert.match(un.stdout, /^merge driver: unregistered/m);
    assert.equal((await gitResult(root, ['config', '--get', 'merge.sdd.driver'])).code, 1);
    assert.ok(!fs.existsSync(path.join(root, '.gitattributes')) || !/merge=sdd/.test(fs.readFileSync(path.join(root, '.gitattributes'), 'utf8')));
  });

  it('without sdd installed the driver falls back to git\'s line merge: a conflict, nothing lost', async () => {
    const root = project({ shim: false });
    await install(root);
    git(root, 'add', '.gitattributes');
    git(root, 'commit', '-q', '--no-verify', '-m', 'attributes');
    divergingBranches(root);
    const merged = await gitResult(root, ['merge', '-q', '--no-edit', 'left'], { PATH: pathWithoutSdd() });
    assert.notEqual(merged.code, 0, 'the same line edited on both sides conflicts');
    const text = fs.readFileSync(path.join(root, '.sdd/specs/core/a.md'), 'utf8');
    assert.match(text, /^<<<<<<< ours\ntags: \[base, right\]\n=======\ntags: \[base, left\]\n>>>>>>> theirs$/m);
  });

  it('--no-merge-driver leaves git config and .gitattributes alone', async () => {
    const root = project();
    await install(root, '--no-merge-driver');
    assert.equal((await gitResult(root, ['config', '--get', 'merge.sdd.driver'])).code, 1);
    assert.ok(!fs.existsSync(path.join(root, '.gitattributes')));
  });
});
