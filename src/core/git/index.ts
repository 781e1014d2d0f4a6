import { parseCatFileBatch, wantedBlobs } from './blobs.js';
import { openSimpleGit, type SimpleGit } from './log.js';
import { takePrefetchedCodeStatus, takePrefetchedStatus } from './prefetch.js';
import { gitStdout, gitStdoutSync, spawnGit, type GitOutput, type GitVars } from './run.js';
import { codeStatus, specsStatus, untrackedSpecs } from './status.js';
import { gitUnavailable, probeGitAccess, type GitAccess } from './access.js';

export type { GitAccess, GitOutput, GitVars, SimpleGit };

/**
 * The one door to git, for one folder (usually a project root, inside a work tree or not). Every
 * process runs in `dir` with `vars` as its environment; the status the launcher started early
 * (./prefetch.ts) is handed out here. Fast plumbing reads are plain spawns; simple-git, loaded
 * on first use, serves history, configuration and merges.
 */
export class Git {
  constructor(readonly dir: string, readonly vars?: GitVars) {}

  /** The same gateway for another folder: same environment, same prefetched answers. */
  at(dir: string): Git {
    return dir === this.dir ? this : new Git(dir, this.vars);
  }

  /** Runs `git <args>`: its output and exit code. Rejects only when git cannot be started. */
  run(args: string[], input?: string): Promise<GitOutput> {
    return spawnGit(this.dir, args, { input, vars: this.vars });
  }

  /** Runs `git <args>`: its stdout, or null when git fails or is missing. */
  stdout(args: string[]): Promise<string | null> {
    return gitStdout(this.dir, args, this.vars);
  }

  /** Reads blobs by sha with one `git cat-file --batch`; a missing blob is left out. */
  async readBlobs(shas: string[]): Promise<Map<string, string>> {
    const wanted = wantedBlobs(shas);
    if (wanted.length === 0) return new Map();
    const r = await this.run(['cat-file', '--batch'], wanted.join('\n') + '\n');
    if (r.code !== 0) throw new Error(`git cat-file failed: ${r.stderr}`);
    return parseCatFileBatch(r.stdout);
  }

  /** The launcher's git status of `specsRel` when it started one for this folder; taken once. */
  takePrefetchedStatus(specsRel: string): Promise<string | null> | null {
    return takePrefetchedStatus(this.dir, specsRel);
  }

  /** git status (porcelain v2, tracked files only) below `specsRel`; null outside git. */
  specsStatus(specsRel: string): Promise<string | null> {
    return specsStatus(this.dir, specsRel, this.vars);
  }

  /** Untracked files below `specsRel` (ignored ones too), NUL-separated; null outside git. */
  untrackedSpecs(specsRel: string): Promise<string | null> {
    return untrackedSpecs(this.dir, specsRel, this.vars);
  }

  /** git status of the source tree outside .sdd/: the launcher's answer when there is one. */
  codeStatus(): Promise<string | null> {
    return takePrefetchedCodeStatus(this.dir) ?? codeStatus(this.dir, this.vars);
  }

  /**
   * Whether git can read the repository `dir` is in (null outside any repository): git missing
   * or refusing it (dubious ownership) comes back with git's message and the fix, so that no
   * git-based answer silently disappears.
   */
  access(): Promise<GitAccess | null> {
    return probeGitAccess(this.dir, this.vars);
  }

  /** For commands that need history: throws git_unavailable (exit 2) when `dir` is in a repository git cannot read. */
  async requireHistory(): Promise<void> {
    const access = await this.access();
    if (access && !access.ok) throw gitUnavailable(access);
  }

  /** Whether `dir` is inside a git work tree (false without git). */
  async isWorkTree(): Promise<boolean> {
    return (await this.stdout(['rev-parse', '--is-inside-work-tree'])) !== null;
  }

  /** A configuration value as git resolves it for `dir` (null when unset or outside git). */
  async configValue(key: string): Promise<string | null> {
    return (await this.stdout(['config', '--get', key]))?.trim() || null;
  }

  /** Runs `git <args>` and waits: its trimmed stdout, or null when git fails or prints nothing. */
  stdoutSync(args: string[]): string | null {
    return gitStdoutSync(this.dir, args, this.vars);
  }

  /** configValue, synchronously, for callers that cannot wait (a default owner or principal). */
  configValueSync(key: string): string | null {
    return this.stdoutSync(['config', '--get', key]);
  }

  /** Who commits here: git's user.email and user.name, each null when unset. */
  async identity(): Promise<{ email: string | null; name: string | null }> {
    const [email, name] = await Promise.all([this.configValue('user.email'), this.configValue('user.name')]);
    return { email, name };
  }

  /** simple-git for this folder, imported on first use (see ./log.ts). */
  simple(opts: { allowUnsafeMergeDriver?: boolean } = {}): Promise<SimpleGit> {
    return openSimpleGit(this.dir, this.vars, opts);
  }
}

/** The gateway for `dir`; `vars` is the environment git runs with (Env.vars). */
export function openGit(dir: string, vars?: GitVars): Git {
  return new Git(dir, vars);
}
