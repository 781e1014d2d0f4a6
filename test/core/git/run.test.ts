import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { gitStdout, gitStdoutSync, spawnGit } from '../../../src/core/git/run.js';
import { git, gitEnv, makeGitRepo, makeTempDir } from '../../helpers/cli.js';

const vars = () => ({ ...process.env, ...gitEnv() });

describe('spawnGit', () => {
  it('collects stdout, a trimmed stderr and the exit code', async () => {
    const repo = makeGitRepo();
    const ok = await spawnGit(repo, ['rev-parse', '--is-inside-work-tree'], { vars: vars() });
    assert.deepEqual({ code: ok.code, stdout: ok.stdout.toString(), stderr: ok.stderr }, { code: 0, stdout: 'true\n', stderr: '' });
    const bad = await spawnGit(repo, ['rev-parse', '--verify', 'no-such-ref'], { vars: vars() });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /^fatal: /);
    assert.ok(!bad.stderr.endsWith('\n'));
  });

  it('feeds `input` to git on stdin', async () => {
    const repo = makeGitRepo();
    fs.writeFileSync(path.join(repo, 'hello.txt'), 'hello\n');
    const r = await spawnGit(repo, ['hash-object', '--stdin'], { input: 'hello\n', vars: vars() });
    assert.equal(r.stdout.toString().trim(), git(repo, 'hash-object', 'hello.txt'));
  });

  it('runs git with the environment it is given, not this process\'s', async () => {
    const repo = makeGitRepo();
    const config = path.join(makeTempDir(), 'gitconfig');
    fs.writeFileSync(config, '[user]\n\temail = given@example.test\n');
    const r = await spawnGit(repo, ['config', '--get', 'user.email'], { vars: { ...vars(), GIT_CONFIG_GLOBAL: config } });
    assert.equal(r.stdout.toString().trim(), 'given@example.test');
    // Without PATH git cannot be found: the spawn itself fails.
    await assert.rejects(spawnGit(repo, ['version'], { vars: { PATH: '' } }));
  });

  it('reads the index a hook is given through GIT_INDEX_FILE', async () => {
    const repo = makeGitRepo();
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    const alternate = path.join(makeTempDir(), 'index');
    await spawnGit(repo, ['add', 'a.txt'], { vars: { ...vars(), GIT_INDEX_FILE: alternate } });
    const inHook = await spawnGit(repo, ['ls-files'], { vars: { ...vars(), GIT_INDEX_FILE: alternate } });
    const plain = await spawnGit(repo, ['ls-files'], { vars: vars() });
    assert.equal(inHook.stdout.toString(), 'a.txt\n');
    assert.equal(plain.stdout.toString(), '');
  });
});

describe('gitStdout and gitStdoutSync', () => {
  it('give stdout on success and null on failure, outside a work tree or without git', async () => {
    const repo = makeGitRepo();
    const plain = makeTempDir();
    assert.equal(await gitStdout(repo, ['rev-parse', '--is-inside-work-tree'], vars()), 'true\n');
    assert.equal(await gitStdout(plain, ['rev-parse', '--is-inside-work-tree'], vars()), null);
    assert.equal(await gitStdout(repo, ['version'], { PATH: '' }), null);
    assert.equal(gitStdoutSync(repo, ['rev-parse', '--is-inside-work-tree'], vars()), 'true');
    assert.equal(gitStdoutSync(repo, ['config', '--get', 'no.such-key'], vars()), null);
    assert.equal(gitStdoutSync(repo, ['version'], { PATH: '' }), null);
  });
});
