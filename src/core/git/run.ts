import { spawn, spawnSync } from 'node:child_process';

/** What one git process printed and how it ended. */
export interface GitOutput {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** The environment git runs with; undefined inherits this process's. */
export type GitVars = Record<string, string | undefined> | undefined;

/**
 * Starts `git <args>` in `cwd` and collects its output. The environment is passed in (the
 * command's Env.vars) rather than read here, so tests can isolate git; in a real run it is the
 * process's own, on purpose: inside a hook git sets GIT_INDEX_FILE (a temporary index for
 * `git commit <paths>`), and every read of the index must go through it. Rejects only when git
 * cannot be started at all.
 */
export function spawnGit(cwd: string, args: string[], opts: { input?: string; vars?: GitVars } = {}): Promise<GitOutput> {
  const { input, vars } = opts;
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: vars as NodeJS.ProcessEnv | undefined, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

/**
 * Runs git in `cwd` for an answer that may be missing: its stdout, or null when git fails or
 * cannot be started. stderr is not collected, so this stays cheap enough for the launcher.
 */
export function gitStdout(cwd: string, args: string[], vars?: GitVars): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let child;
    try {
      child = spawn('git', args, { cwd, env: vars as NodeJS.ProcessEnv | undefined, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    } catch {
      resolve(null);
      return;
    }
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : null));
  });
}

/**
 * Runs git in `cwd` and waits for it: its trimmed stdout, or null when git fails, prints nothing
 * or is missing. For the few synchronous callers (a default read from git config).
 */
export function gitStdoutSync(cwd: string, args: string[], vars?: GitVars): string | null {
  const r = spawnSync('git', args, { cwd, env: vars as NodeJS.ProcessEnv | undefined, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
  return r.status === 0 ? r.stdout.trim() || null : null;
}
