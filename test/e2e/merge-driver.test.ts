import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { registerMergeDriver } from '../../src/core/merge/register.js';
import { openGit } from '../../src/core/git/index.js';
import { describeRun, git, gitEnv, makeGitRepo, makeTempDir, parseJsonDocument, SDD_BIN, writeFile } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * The merge driver inside real `git merge` runs: a repository with the driver registered by
 * registerMergeDriver (as `sdd hooks install` does) pointing at the built CLI, two branches that
 * edit the same spec, and git deciding what is a conflict.
 */

// registerMergeDriver runs git in this process's environment.
Object.assign(process.env, gitEnv());

const SPEC = '.sdd/specs/auth/login.md';
const lines = (...l: string[]) => l.join('\n') + '\n';

const BASE = lines(
  '---',
  'id: login',
  'title: Login',
  'status: draft   # moved by sdd status',
  'tags: [auth, sessions]',
  'owner: ada@example.com',
  'depends_on:',
  '  - users',
  '---',
  '# Login',
  '',
  'Users sign in with a password.',
  '',
  'Sessions last eight hours.',
  '',
  '## Requirements',
  '',
  '- **LOG-001** The system MUST check the password.',
);

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const SDD_COMMAND = `${quote(process.execPath)} ${quote(SDD_BIN)}`;

/** git, with the exit code and both streams, for commands that may fail (a conflicted merge). */
function gitRun(repo: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...gitEnv(), NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const edit = (text: string, ...edits: Array<[string, string]>) =>
  edits.reduce((t, [from, to]) => {
    assert.ok(t.includes(from), `test setup: ${JSON.stringify(from)} not in the text`);
    return t.replace(from, to);
  }, text);

/**
 * A repository where `main` and `topic` both changed `file` since their common commit:
 * `ours` is main's version, `theirs` topic's. HEAD is main, ready for `git merge topic`.
 */
async function diverged(opts: { file?: string; base?: string; ours: string; theirs: string; driver: boolean }) {
  const repo = makeGitRepo();
  const file = opts.file ?? SPEC;
  git(repo, 'checkout', '-q', '-b', 'main');
  if (opts.driver) await registerMergeDriver(openGit(repo), SDD_COMMAND);
  writeFile(repo, file, opts.base ?? BASE);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  git(repo, 'checkout', '-q', '-b', 'topic');
  writeFile(repo, file, opts.theirs);
  git(repo, 'commit', '-qam', 'theirs');
  git(repo, 'checkout', '-q', 'main');
  writeFile(repo, file, opts.ours);
  git(repo, 'commit', '-qam', 'ours');
  return { repo, read: () => fs.readFileSync(path.join(repo, file), 'utf8') };
}

// main moves the spec to review and reworks the first paragraph; topic adds a tag, hands the spec
// to bob and reworks the second paragraph. The status, tags and owner lines are adjacent.
const OURS = edit(BASE, ['status: draft', 'status: review'], ['Users sign in with a password.', 'Users sign in with a password or a passkey.']);
const THEIRS = edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions, security]'], ['owner: ada@example.com', 'owner: bob@example.com'], ['Sessions last eight hours.', 'Sessions last eight hours, then expire.']);
const BOTH = edit(BASE,
  ['status: draft', 'status: review'], ['Users sign in with a password.', 'Users sign in with a password or a passkey.'],
  ['tags: [auth, sessions]', 'tags: [auth, sessions, security]'], ['owner: ada@example.com', 'owner: bob@example.com'], ['Sessions last eight hours.', 'Sessions last eight hours, then expire.'],
);

// @sdd merge-driver/MRG-009
describe('sdd merge-driver in a real git merge', () => {
  it('different fields and different body paragraphs of one spec merge with no conflict and no lost edit', async () => {
    const { repo, read } = await diverged({ ours: OURS, theirs: THEIRS, driver: true });
    const r = gitRun(repo, 'merge', '--no-edit', 'topic');
    assert.equal(r.code, 0, `git merge failed:\n${r.stdout}\n${r.stderr}\n${read()}`);
    assert.equal(read(), BOTH);
    assert.equal(git(repo, 'status', '--porcelain'), '');
    assert.equal(git(repo, 'rev-list', '--count', '--merges', 'HEAD'), '1');
    const show = await runSddInProcess(['show', 'login', '--json'], { cwd: repo });
    const { spec } = parseJsonDocument(show.stdout) as { spec: { status: string; tags: string[]; owner: string } };
    assert.deepEqual([spec.status, spec.tags, spec.owner], ['review', ['auth', 'sessions', 'security'], 'bob@example.com'], describeRun(show));
  });

  it('without the driver, git itself conflicts on those adjacent front-matter edits', async () => {
    const { repo, read } = await diverged({ ours: OURS, theirs: THEIRS, driver: false });
    const r = gitRun(repo, 'merge', '--no-edit', 'topic');
    assert.notEqual(r.code, 0);
    assert.match(r.stdout, /CONFLICT \(content\): Merge conflict in \.sdd\/specs\/auth\/login\.md/);
    assert.match(read(), /^<<<<<<< HEAD\nstatus: review {3}# moved by sdd status\ntags: \[auth, sessions\]\nowner: ada@example.com\n=======\n/m);
  });

  it('tags added on both branches become the union; without the driver the tags line conflicts', async () => {
    const ours = edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions, ux]']);
    const theirs = edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, security]']);
    const plain = await diverged({ ours, theirs, driver: false });
    assert.notEqual(gitRun(plain.repo, 'merge', '--no-edit', 'topic').code, 0);
    assert.match(plain.read(), /<<<<<<< HEAD\ntags: \[auth, sessions, ux\]\n=======\ntags: \[auth, security\]\n>>>>>>> topic\n/);

    const withDriver = await diverged({ ours, theirs, driver: true });
    const r = gitRun(withDriver.repo, 'merge', '--no-edit', 'topic');
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(withDriver.read(), edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, ux, security]']));
  });

  it('the same field changed differently on both branches conflicts: markers in the file, git merge exits non-zero', async () => {
    const ours = edit(BASE, ['status: draft', 'status: review'], ['Users sign in with a password.', 'Users sign in with a passkey.']);
    const theirs = edit(BASE, ['status: draft', 'status: deprecated'], ['owner: ada@example.com', 'owner: bob@example.com']);
    const { repo, read } = await diverged({ ours, theirs, driver: true });
    const r = gitRun(repo, 'merge', '--no-edit', 'topic');
    assert.notEqual(r.code, 0);
    assert.match(r.stdout, /CONFLICT \(content\): Merge conflict in \.sdd\/specs\/auth\/login\.md/);
    assert.match(r.stderr, /sdd merge-driver: \.sdd\/specs\/auth\/login\.md: conflict in front matter key status/);
    assert.equal(read(), edit(BASE,
      ['status: draft   # moved by sdd status\n', '<<<<<<< ours\nstatus: review   # moved by sdd status\n=======\nstatus: deprecated   # moved by sdd status\n>>>>>>> theirs\n'],
      ['owner: ada@example.com', 'owner: bob@example.com'], ['Users sign in with a password.', 'Users sign in with a passkey.'],
    ));
    assert.match(git(repo, 'ls-files', '-u'), /\.sdd\/specs\/auth\/login\.md/);
  });

  it('the same body line changed differently conflicts with git\'s body markers, while field edits still merge', async () => {
    const ours = edit(BASE, ['Sessions last eight hours.', 'Sessions last one hour.'], ['status: draft', 'status: review']);
    const theirs = edit(BASE, ['Sessions last eight hours.', 'Sessions last a day.'], ['tags: [auth, sessions]', 'tags: [auth]']);
    const { repo, read } = await diverged({ ours, theirs, driver: true });
    assert.notEqual(gitRun(repo, 'merge', '--no-edit', 'topic').code, 0);
    assert.equal(read(), edit(BASE, ['status: draft', 'status: review'], ['tags: [auth, sessions]', 'tags: [auth]'],
      ['Sessions last eight hours.\n', '<<<<<<< ours\nSessions last one hour.\n=======\nSessions last a day.\n>>>>>>> theirs\n']));
  });

  it('a YAML spec at a path with a space merges key by key (git quotes the path it passes)', async () => {
    const base = lines('id: cache', 'title: Cache', 'status: draft', 'tags: [core]', 'owner: ada@example.com');
    const file = '.sdd/specs/core/cache store.yaml';
    const { repo, read } = await diverged({ file, base, ours: edit(base, ['status: draft', 'status: review']), theirs: edit(base, ['tags: [core]', 'tags: [core, index]']), driver: true });
    const r = gitRun(repo, 'merge', '--no-edit', 'topic');
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(read(), edit(base, ['status: draft', 'status: review'], ['tags: [core]', 'tags: [core, index]']));
  });
});

// @sdd merge-driver/MRG-001
describe('sdd merge-driver by hand', () => {
  /** Writes the three versions into a temp folder, the way git leaves them for a driver. */
  function versions(base: string, ours: string, theirs: string): string {
    const dir = makeTempDir();
    writeFile(dir, '.merge_file_base', base);
    writeFile(dir, '.merge_file_ours', ours);
    writeFile(dir, '.merge_file_theirs', theirs);
    return dir;
  }
  const ARGS = ['.merge_file_base', '.merge_file_ours', '.merge_file_theirs', SPEC];

  it('writes the merged spec into the ours file and exits 0, printing nothing', async () => {
    const dir = versions(BASE, OURS, THEIRS);
    const r = await runSddInProcess(['merge-driver', ...ARGS], { cwd: dir });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout + r.stderr, '');
    assert.equal(fs.readFileSync(path.join(dir, '.merge_file_ours'), 'utf8'), BOTH);
    assert.equal(fs.readFileSync(path.join(dir, '.merge_file_theirs'), 'utf8'), THEIRS);
  });

  it('--json reports the conflicts in one document and exits 1', async () => {
    const dir = versions(BASE, edit(BASE, ['status: draft', 'status: review']), edit(BASE, ['status: draft', 'status: approved']));
    const r = await runSddInProcess(['merge-driver', ...ARGS, '--json'], { cwd: dir });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(r.stderr, '');
    assert.deepEqual(parseJsonDocument(r.stdout), { version: 1, ok: false, file: SPEC, conflicts: 1, field_conflicts: ['status'], body_conflicts: 0, strategy: 'fields', reason: null });
  });

  it('says so on stderr when a side is not a readable spec and it merged by lines', async () => {
    const dir = versions(BASE, OURS, edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions']));
    const r = await runSddInProcess(['merge-driver', ...ARGS], { cwd: dir });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stderr, /^sdd merge-driver: \.sdd\/specs\/auth\/login\.md: merged by lines only \(theirs: malformed YAML at line \d+/m);
    assert.match(fs.readFileSync(path.join(dir, '.merge_file_ours'), 'utf8'), /^<<<<<<< ours$/m);
  });

  it('a missing version file is a usage error (exit 2) naming the file, and nothing is written', async () => {
    const dir = versions(BASE, OURS, THEIRS);
    const r = await runSddInProcess(['merge-driver', '.merge_file_base', '.merge_file_ours', 'nope', SPEC], { cwd: dir });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /^Error: nope: Cannot read the theirs version of \.sdd\/specs\/auth\/login\.md at nope \(ENOENT\)$/m);
    assert.match(r.stderr, /^Fix: .*%O %A %B %P/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(fs.readFileSync(path.join(dir, '.merge_file_ours'), 'utf8'), OURS);
  });

  it('too few arguments is a usage error (exit 2)', async () => {
    const r = await runSddInProcess(['merge-driver', 'a', 'b'], { cwd: makeTempDir() });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /missing required argument 'theirs'/);
  });
});
