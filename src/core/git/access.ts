import fs from 'node:fs';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { spawnGit, type GitVars } from './run.js';

/**
 * Whether git can read the repository a folder belongs to. `null`: the folder is in no repository
 * at all, so nothing git-based is expected. Otherwise ok, or why not: git is missing, git refuses
 * the repository (dubious ownership: a CI container running as another user), or git fails on it
 * for another reason — with git's own words and the fix.
 */
export type GitAccess = { ok: true } | { ok: false; kind: 'missing' | 'refused' | 'failed'; message: string; fix: string };

const probes = new Map<string, Promise<GitAccess | null>>();

/** Probes `dir` once per process (every gateway for that folder shares the answer). */
export function probeGitAccess(dir: string, vars: GitVars): Promise<GitAccess | null> {
  let probe = probes.get(dir);
  if (!probe) {
    probe = probe_(dir, vars);
    probes.set(dir, probe);
  }
  return probe;
}

async function probe_(dir: string, vars: GitVars): Promise<GitAccess | null> {
  // Without a .git anywhere above, git failing is expected and says nothing; GIT_DIR points git elsewhere.
  if (!hasDotGit(dir) && !(vars ?? process.env).GIT_DIR) return null;
  let r;
  try {
    r = await spawnGit(dir, ['rev-parse', '--git-dir'], { vars });
  } catch {
    return { ok: false, kind: 'missing', message: 'git is not installed (or not on PATH), but this folder is in a git repository', fix: 'Install git (https://git-scm.com/downloads) and make sure `git` is on PATH, then run the command again.' };
  }
  if (r.code === 0) return { ok: true };
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const message = lines[0] ?? `git exited with code ${r.code}`;
  if (/dubious ownership/i.test(r.stderr)) {
    // git prints the exact command to run; prefer it, since it quotes the path its own way.
    const suggested = lines.find((l) => /^git config .*safe\.directory/.test(l));
    const top = /repository at '([^']+)'/.exec(r.stderr)?.[1] ?? dir;
    return {
      ok: false, kind: 'refused', message,
      fix: `If you trust this repository, run \`${suggested ?? `git config --global --add safe.directory '${top}'`}\` (it belongs to another user), then run the command again.`,
    };
  }
  return { ok: false, kind: 'failed', message, fix: `Run \`git status\` in ${dir} to see what git needs, fix that, then run the command again.` };
}

function hasDotGit(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** The error for a command that needs history when git cannot give it. */
export function gitUnavailable(access: Extract<GitAccess, { ok: false }>): SddError {
  const what = access.kind === 'missing' ? access.message : `git cannot read this repository: ${access.message}`;
  return new SddError('git_unavailable', `${what}. This command needs the git history`, { fix: access.fix });
}
