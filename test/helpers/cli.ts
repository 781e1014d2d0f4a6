import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file is compiled to build/test/helpers/cli.js. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The launcher users run; spawning it exercises bin/ → dist/sdd.cjs exactly as installed. */
export const SDD_BIN = path.join(REPO_ROOT, 'bin', 'sdd.js');

const tempDirs: string[] = [];
let cleanupRegistered = false;

/**
 * A fresh empty directory, removed when the test process exits (set SDD_TEST_KEEP=1 to keep it
 * for a post-mortem). realpath'd so that paths printed by sdd compare equal on macOS too.
 */
export function makeTempDir(prefix = 'sdd-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  tempDirs.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on('exit', () => {
      if (process.env.SDD_TEST_KEEP) return;
      for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

let gitConfigFile: string | undefined;

/**
 * Environment that isolates git from the machine running the tests: an empty global config, no
 * system config, and a fixed author and committer.
 */
export function gitEnv(): Record<string, string> {
  if (!gitConfigFile) {
    gitConfigFile = path.join(makeTempDir('sdd-gitconfig-'), 'gitconfig');
    fs.writeFileSync(gitConfigFile, '');
  }
  return {
    GIT_CONFIG_GLOBAL: gitConfigFile,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Sdd Test',
    GIT_AUTHOR_EMAIL: 'author@example.test',
    GIT_COMMITTER_NAME: 'Sdd Test',
    GIT_COMMITTER_EMAIL: 'committer@example.test',
  };
}

/** A temp directory holding a freshly initialised, empty git repository. */
export function makeGitRepo(): string {
  const dir = makeTempDir('sdd-repo-');
  git(dir, 'init', '--quiet');
  return dir;
}

/** Runs git in `cwd` with the isolated environment; returns its trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...gitEnv() }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Overrides for the child's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}

/** The child environment: the test's own, minus colour forcing, plus git isolation and NO_COLOR=1. */
export function childEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...gitEnv(), NO_COLOR: '1' };
  // The runner may set these for its own output; they must not leak into the CLI under test.
  delete env.FORCE_COLOR;
  delete env.NODE_TEST_CONTEXT;
  delete env.SDD_DEBUG;
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Spawns the built CLI (`node bin/sdd.js …`) with piped output and collects everything. */
export function runSdd(args: string[], opts: RunOptions): Promise<RunResult> {
  return collect(process.execPath, [SDD_BIN, ...args], opts.cwd, opts.env);
}

/** Starts the built CLI without waiting for it: for tests that signal or race a running sdd. */
export function startSdd(args: string[], opts: RunOptions): ChildProcess {
  return spawn(process.execPath, [SDD_BIN, ...args], { cwd: opts.cwd, env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Spawns `command` with the test environment and collects its exit code and output. */
function collect(command: string, args: string[], cwd: string, env?: Record<string, string | undefined>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** True when util-linux `script` can give a child a pseudo-terminal (for colour tests). */
export function hasScript(): boolean {
  try {
    execFileSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the CLI with stdout and stderr on a pseudo-terminal (via `script`), so `isTTY` is true.
 * The two streams arrive merged in `output`. Needs util-linux `script`; see hasScript().
 */
export function runSddInTty(args: string[], opts: RunOptions & { size?: { rows: number; cols: number } }): Promise<{ code: number | null; output: string }> {
  // `script`'s terminal has no size (0 × 0) unless told; layout engines such as ink need one.
  const size = opts.size ? `stty rows ${opts.size.rows} cols ${opts.size.cols}; ` : '';
  const command = size + [process.execPath, SDD_BIN, ...args].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: opts.cwd, env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(out).toString('utf8') }));
  });
}

/**
 * Writes a spec file at `<dir>/.sdd/specs/<relPath>`, creating folders as needed, and returns
 * its absolute path.
 */
export function writeSpec(dir: string, relPath: string, text: string): string {
  const file = path.join(dir, '.sdd', 'specs', relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Writes `text` at `<dir>/<relPath>`, creating folders as needed; returns the absolute path. */
export function writeFile(dir: string, relPath: string, text: string | Buffer): string {
  const file = path.join(dir, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A markdown spec: front matter from `fields` (written verbatim as `key: value`), then `body`. */
export function markdownSpec(fields: Record<string, string>, body = ''): string {
  return ['---', ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`), '---', body].join('\n');
}

/**
 * Parses stdout as exactly one JSON document. JSON.parse already rejects trailing content, so
 * two documents back to back fail here.
 */
export function parseJsonDocument(stdout: string): Record<string, unknown> {
  const doc = JSON.parse(stdout) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`stdout is JSON but not an object: ${stdout}`);
  return doc as Record<string, unknown>;
}

/** A failure message showing everything the child printed. */
export function describeRun(r: RunResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/**
 * Runs git with the isolated environment (plus `env`) and returns everything, failures included:
 * for commands whose refusal is the point, such as a commit stopped by a hook.
 */
export function gitResult(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return collect('git', args, cwd, env);
}
