import { spawn } from 'node:child_process';

/** What one git process printed and how it ended. */
export interface GitOutput {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs `git <args>` in `cwd` and collects its output. The environment is inherited on purpose:
 * inside a hook git sets GIT_INDEX_FILE (a temporary index for `git commit <paths>`), and every
 * read of the index must go through it. Rejects only when git cannot be started at all.
 */
export function runGit(cwd: string, args: string[], input?: string): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** Reads blobs by sha with one `git cat-file --batch`; a missing blob is left out. */
export async function readBlobs(cwd: string, shas: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(shas)].filter((s) => !/^0+$/.test(s));
  if (wanted.length === 0) return new Map();
  const r = await runGit(cwd, ['cat-file', '--batch'], wanted.join('\n') + '\n');
  if (r.code !== 0) throw new Error(`git cat-file failed: ${r.stderr}`);
  const buf = r.stdout;
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const [sha, type, size] = buf.toString('utf8', pos, nl).split(' ');
    if (type === 'missing' || size === undefined) {
      pos = nl + 1;
      continue;
    }
    const end = nl + 1 + Number(size);
    out.set(sha, buf.toString('utf8', nl + 1, end));
    pos = end + 1;
  }
  return out;
}
