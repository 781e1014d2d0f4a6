import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openGit } from '../../../src/core/git/index.js';
import { prefetchStatus } from '../../../src/core/git/prefetch.js';
import { git, gitEnv, makeGitRepo, makeTempDir } from '../../helpers/cli.js';

// The prefetch runs git with this process's environment, as the launcher does.
Object.assign(process.env, gitEnv());

/** A repository with one committed spec and one committed source file. */
function project(): string {
  const repo = makeGitRepo();
  fs.mkdirSync(path.join(repo, '.sdd', 'specs'), { recursive: true });
  fs.writeFileSync(path.join(repo, '.sdd', 'specs', 'a.md'), 'a\n');
  fs.writeFileSync(path.join(repo, 'main.ts'), 'x\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'first');
  return repo;
}

/** The entries of `git status --porcelain=v2 -z` output, headers and file lines. */
const entries = (out: string | null) => (out ?? '').split('\0').filter(Boolean);

describe('Git, the gateway', () => {
  it('reads the status of the specs folder: tracked changes only, untracked ones apart', async () => {
    const repo = project();
    const g = openGit(repo, process.env);
    fs.writeFileSync(path.join(repo, '.sdd', 'specs', 'a.md'), 'changed\n');
    fs.writeFileSync(path.join(repo, '.sdd', 'specs', 'new.md'), 'new\n');
    const status = entries(await g.specsStatus('.sdd/specs'));
    assert.ok(status.some((e) => e.startsWith(`# branch.oid ${git(repo, 'rev-parse', 'HEAD')}`)), status.join('\n'));
    assert.ok(status.some((e) => e.startsWith('1 .M ') && e.endsWith(' .sdd/specs/a.md')), status.join('\n'));
    assert.ok(!status.some((e) => e.includes('new.md')));
    assert.deepEqual(entries(await g.untrackedSpecs('.sdd/specs')), ['.sdd/specs/new.md']);
  });

  it('reads the status of the code outside .sdd/, untracked files included', async () => {
    const repo = project();
    fs.writeFileSync(path.join(repo, 'other.ts'), 'y\n');
    fs.writeFileSync(path.join(repo, '.sdd', 'specs', 'a.md'), 'changed\n');
    const status = entries(await openGit(repo, process.env).codeStatus());
    assert.ok(status.includes('? other.ts'), status.join('\n'));
    assert.ok(!status.some((e) => e.includes('.sdd/')), status.join('\n'));
  });

  it('is null outside a work tree, where there is no status', async () => {
    const g = openGit(makeTempDir(), process.env);
    assert.equal(await g.specsStatus('.sdd/specs'), null);
    assert.equal(await g.isWorkTree(), false);
    assert.equal(await openGit(project(), process.env).isWorkTree(), true);
  });

  it('hands out the status the launcher started for the same folder, once', async () => {
    const repo = project();
    prefetchStatus(['node', 'sdd', 'list', '--cwd', repo]);
    const g = openGit(repo, process.env);
    assert.equal(openGit(makeTempDir()).takePrefetchedStatus('.sdd/specs'), null, 'another folder gets nothing');
    const taken = g.takePrefetchedStatus('.sdd/specs');
    assert.ok(taken);
    assert.deepEqual(entries(await taken), entries(await g.specsStatus('.sdd/specs')));
    assert.equal(g.takePrefetchedStatus('.sdd/specs'), null);
  });

  it('reads blobs in one batch, leaving out missing ones', async () => {
    const repo = project();
    const text = 'line one\nzweite Zeile: grüße\n';
    fs.writeFileSync(path.join(repo, 'b.txt'), text);
    const sha = git(repo, 'hash-object', '-w', 'b.txt');
    const spec = git(repo, 'rev-parse', 'HEAD:.sdd/specs/a.md');
    const blobs = await openGit(repo, process.env).readBlobs([sha, spec, sha, 'f'.repeat(40), '0'.repeat(40)]);
    assert.deepEqual([...blobs].sort(), [[sha, text], [spec, 'a\n']].sort());
    assert.equal((await openGit(repo).readBlobs([])).size, 0);
  });

  it('reads configuration and identity with the environment it was given', async () => {
    const repo = project();
    const config = path.join(makeTempDir(), 'gitconfig');
    fs.writeFileSync(config, '[user]\n\temail = me@example.test\n\tname = Me\n[merge]\n\tconflictStyle = zdiff3\n');
    const g = openGit(repo, { ...process.env, GIT_CONFIG_GLOBAL: config });
    assert.deepEqual(await g.identity(), { email: 'me@example.test', name: 'Me' });
    assert.equal(await g.configValue('merge.conflictStyle'), 'zdiff3');
    assert.equal(g.configValueSync('user.email'), 'me@example.test');
    assert.equal(await openGit(repo, process.env).configValue('user.email'), null);
    assert.equal(g.stdoutSync(['rev-parse', '--verify', '--quiet', 'HEAD']), git(repo, 'rev-parse', 'HEAD'));
  });

  it('gives simple-git the same folder and environment, even one naming config files', async () => {
    const repo = project();
    const config = path.join(makeTempDir(), 'gitconfig');
    fs.writeFileSync(config, '[user]\n\temail = simple@example.test\n');
    const simple = await openGit(repo, { ...process.env, GIT_CONFIG_GLOBAL: config, EDITOR: 'true' }).simple();
    assert.equal((await simple.raw(['config', '--get', 'user.email'])).trim(), 'simple@example.test');
    assert.match(await simple.raw(['log', '--format=%s']), /^first\n/);
  });

  it('at() keeps the environment for another folder, and is itself for the same one', () => {
    const vars = { PATH: process.env.PATH };
    const g = openGit('/a', vars);
    assert.equal(g.at('/a'), g);
    const other = g.at('/b');
    assert.equal(other.dir, '/b');
    assert.equal(other.vars, vars);
  });
});
