import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SDD_BIN, childEnv, makeTempDir, type RunResult } from './cli.js';

/** The unprivileged user permission tests run as (root ignores file modes). */
export const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Why permission tests cannot run here, or null when they can: they need root (to hand files to
 * another user) and setpriv (to run sdd as that user).
 */
export function cannotRunAsNobody(): string | null {
  if (process.getuid?.() !== 0) return 'permission tests start as root and run sdd as nobody; this run is not root';
  const r = spawnSync('setpriv', ['--version'], { stdio: 'ignore' });
  if (r.status !== 0) return 'setpriv (util-linux) is not installed';
  return null;
}

/** A temp folder every user may enter and read (mkdtemp makes it 0700). */
export function makeSharedTempDir(prefix = 'sdd-shared-'): string {
  const dir = makeTempDir(prefix);
  fs.chmodSync(dir, 0o755);
  return dir;
}

let sharedGitConfig: string | undefined;

/**
 * A global git config nobody can read: the test's own lives in a 0700 folder. With
 * `safe.directory = *` unless `trustAll` is false, since the repositories belong to root.
 */
export function nobodyGitConfig(trustAll = true): string {
  if (trustAll && sharedGitConfig) return sharedGitConfig;
  const file = path.join(makeSharedTempDir('sdd-gitconfig-'), 'gitconfig');
  fs.writeFileSync(file, trustAll ? '[safe]\n\tdirectory = *\n' : '');
  fs.chmodSync(file, 0o644);
  if (trustAll) sharedGitConfig = file;
  return file;
}

/** Runs the built CLI as nobody in `cwd`, with the test's git isolation and `env` on top. */
export function runSddAsNobody(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const vars = childEnv({ GIT_CONFIG_GLOBAL: nobodyGitConfig(), HOME: '/nonexistent', SDD_CODE_CACHE: 'off', XDG_CACHE_HOME: undefined, ...env });
  return new Promise((resolve, reject) => {
    const child = spawn('setpriv', [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', process.execPath, SDD_BIN, ...args], { cwd, env: vars, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
