import { before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, makeTempDir, REPO_ROOT, runSdd, SDD_BIN, type RunResult } from '../helpers/cli.js';
import { generateSpecs, writeCorpus } from '../helpers/corpus.js';

/**
 * bin/sdd.js compiles dist/sdd.cjs with V8's code cache, kept per command in SDD_CODE_CACHE. The
 * cache is derived data: missing, damaged, made by another build, another Node or other V8 flags,
 * or impossible to write, every command still answers exactly as without it, and says nothing.
 * SDD_PROFILE=1 reports on stderr what became of the cache ("code cache accepted" and so on).
 */

describe('e2e: the launcher’s code cache', () => {
  let repo: string;
  let cacheDir: string;
  let expected: string;

  const run = (env: Record<string, string | undefined> = {}, args = ['list', '--json']) =>
    runSdd(args, { cwd: repo, env: { SDD_CODE_CACHE: cacheDir, SDD_PROFILE: '1', ...env } });
  const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : []);
  const listCache = () => {
    const files = cacheFiles().filter((f) => f.startsWith('list-'));
    assert.equal(files.length, 1, `one cache file for list, got ${JSON.stringify(cacheFiles())}`);
    return path.join(cacheDir, files[0]);
  };

  /** The run answered like a run without the cache, with nothing but profile lines on stderr. */
  function assertAnswered(r: RunResult, state: string, what: string): void {
    assert.equal(r.code, 0, `${what}\n${describeRun(r)}`);
    assert.equal(r.stdout, expected, `${what}: same answer as without a code cache`);
    assert.match(r.stderr, new RegExp(`code cache ${state}\\)`), `${what}: the cache was ${state}\n${r.stderr}`);
    assert.deepEqual(r.stderr.split('\n').filter((l) => l && !/^\s*[\d.]+ ms {2}/.test(l)), [], `${what}: stderr holds only profile marks`);
  }

  before(async () => {
    repo = makeGitRepo();
    writeCorpus(repo, generateSpecs(40, { seed: 11 }));
    const plain = await runSdd(['list', '--json'], { cwd: repo, env: { SDD_CODE_CACHE: 'off' } });
    assert.equal(plain.code, 0, describeRun(plain));
    expected = plain.stdout;
  });

  beforeEach(() => {
    cacheDir = path.join(makeTempDir('sdd-code-cache-'), 'cache');
  });

  it('is written on the first run of a command and used from the second', async () => {
    assertAnswered(await run(), 'missing', 'first run');
    const file = listCache();
    assert.match(fs.readFileSync(file).subarray(0, 200).toString('latin1'), /^sdd-code-cache 1 [0-9a-f]{16} v\d+\.\d+\.\d+ \w+ \| \d+ \| \d+\n/);
    const written = fs.statSync(file).mtimeMs;
    assertAnswered(await run(), 'accepted', 'second run');
    assert.equal(fs.statSync(file).mtimeMs, written, 'an accepted cache is not rewritten');
    // Each command has its own file; none is left half-written.
    await run({}, ['query', 'status:review', '--json']);
    assert.deepEqual(cacheFiles().map((f) => f.replace(/-[0-9a-f]{8}\.bin$/, '')), ['list', 'query']);
  });

  it('SDD_CODE_CACHE=off neither reads nor writes one', async () => {
    assertAnswered(await run({ SDD_CODE_CACHE: 'off' }), 'off', 'off');
    assert.deepEqual(cacheFiles(), []);
  });

  for (const [name, damage] of [
    ['bytes of the payload flipped', (b: Buffer) => { for (let i = b.indexOf(10) + 64; i < b.length; i += 211) b[i] ^= 0x5a; return b; }],
    ['the file truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['the header only', (b: Buffer) => b.subarray(0, b.indexOf(10) + 1)],
    ['garbage instead of a cache', (b: Buffer) => Buffer.alloc(b.length, 0xa7)],
    ['an empty file', () => Buffer.alloc(0)],
    ['a header naming another build', (b: Buffer) => Buffer.from(b.toString('latin1').replace(/^(sdd-code-cache 1 )[0-9a-f]{16}/, '$10123456789abcdef'), 'latin1')],
    ['a header naming another Node', (b: Buffer) => Buffer.from(b.toString('latin1').replace(/ v\d+\.\d+\.\d+ /, ' v1.2.3 '), 'latin1')],
  ] as const) {
    it(`${name}: never reaches V8, and is rewritten`, async () => {
      assertAnswered(await run(), 'missing', 'first run');
      const file = listCache();
      fs.writeFileSync(file, damage(fs.readFileSync(file)));
      // A damaged payload given to V8 aborts the process; the checksum keeps it out.
      assertAnswered(await run(), 'missing', 'damaged');
      assertAnswered(await run(), 'accepted', 'after the rewrite');
    });
  }

  it('a cache V8 refuses (other V8 flags) is rewritten', async () => {
    assertAnswered(await run(), 'missing', 'first run');
    const flagged = spawnSync(process.execPath, ['--no-lazy-feedback-allocation', SDD_BIN, 'list', '--json'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SDD_CODE_CACHE: cacheDir, SDD_PROFILE: '1', NO_COLOR: '1' },
    });
    assertAnswered({ code: flagged.status, stdout: flagged.stdout, stderr: flagged.stderr }, 'rejected', 'other V8 flags');
    assertAnswered(await run(), 'rejected', 'back to the usual flags');
    assertAnswered(await run(), 'accepted', 'after the rewrite');
  });

  it('a cache folder that cannot be made or written only costs speed', async () => {
    const blocker = path.join(makeTempDir('sdd-code-cache-'), 'a-file');
    fs.writeFileSync(blocker, 'not a folder\n');
    cacheDir = path.join(blocker, 'cache');
    assertAnswered(await run(), 'missing', 'below a file');
    assertAnswered(await run(), 'missing', 'again');
    assert.equal(fs.readFileSync(blocker, 'utf8'), 'not a folder\n');
  });

  it('the default folder is $XDG_CACHE_HOME/sdd', async () => {
    const xdg = makeTempDir('sdd-xdg-');
    const r = await runSdd(['list', '--json'], { cwd: repo, env: { SDD_CODE_CACHE: undefined, XDG_CACHE_HOME: xdg } });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, expected);
    assert.deepEqual(fs.readdirSync(path.join(xdg, 'sdd')).map((f) => f.replace(/-[0-9a-f]{8}\.bin$/, '')), ['list']);
  });

  it('without its bundle the launcher says what to do', () => {
    const copy = makeTempDir('sdd-nobundle-');
    fs.mkdirSync(path.join(copy, 'bin'));
    fs.copyFileSync(path.join(REPO_ROOT, 'bin', 'sdd.js'), path.join(copy, 'bin', 'sdd.js'));
    fs.writeFileSync(path.join(copy, 'package.json'), '{"type":"module"}\n');
    const r = spawnSync(process.execPath, [path.join(copy, 'bin', 'sdd.js'), 'list'], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^sdd: cannot read .*dist[/\\]sdd\.cjs \(ENOENT\)\.\nFix: run `npm run build` in the sdd package, or reinstall sdd\.\n$/);
  });
});
