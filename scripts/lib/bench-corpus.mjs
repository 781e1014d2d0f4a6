/**
 * Benchmark corpora under `.bench/<size>/`: generated once, reused while their marker matches,
 * optionally made into a git repository, and temporarily edited for the "1% changed" case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { GENERATOR_VERSION, MARKER_FILE, generateCorpus, readCorpusMarker, writeCorpusMarker } from '../gen-corpus.mjs';

/**
 * Returns the marker of a ready corpus in `dir` with this shape, generating it (and committing it
 * to a fresh git repository when `git` is set) unless a matching, unmodified one is there.
 * `log` receives progress lines.
 */
export function ensureCorpus(dir, { count, seed, codeFiles, git }, log = () => {}) {
  const marker = readCorpusMarker(dir);
  const matches = marker && marker.version === GENERATOR_VERSION && marker.count === count && marker.seed === String(seed)
    && marker.codeFiles === codeFiles && !marker.dirty && (!git || marker.git);
  if (matches) {
    log(`reusing corpus ${dir}`);
    return marker;
  }
  log(`generating ${count} specs and ${codeFiles} code files into ${dir} …`);
  // Start from nothing: a stale .git or cache from another shape must not leak into the results.
  fs.rmSync(dir, { recursive: true, force: true });
  const summary = generateCorpus(dir, { count, seed, codeFiles });
  log(`generated in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  const fresh = readCorpusMarker(dir);
  if (git) {
    const started = Date.now();
    const ok = commitCorpus(dir);
    log(ok ? `committed to git in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'git not available; corpus is not a repository');
    fresh.git = ok;
    writeCorpusMarker(dir, fresh);
  }
  return fresh;
}

/** Settings every benchmark git call gets: no user or system config can add hooks, signing or an editor. */
export const BENCH_GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'sdd bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'sdd bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

/** `git init` + one commit of everything, with no user or system config involved. */
function commitCorpus(dir) {
  const env = {
    ...BENCH_GIT_ENV,
    GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
  };
  const git = (...args) => spawnSync('git', args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const init = git('init', '-q', '-b', 'main');
  if (init.error || init.status !== 0) return false;
  fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), `${MARKER_FILE}\n`);
  for (const args of [['add', '-A'], ['commit', '-q', '--no-verify', '-m', 'Benchmark corpus']]) {
    const r = git(...args);
    if (r.status !== 0) throw new Error(`git ${args[0]} failed in ${dir}: ${String(r.stderr).trim()}`);
  }
  // Files written in the same second as the index are "racily clean": git re-reads them on every
  // status until some command rewrites the index. Any git command a person runs does; do it once
  // here so the corpus looks like a working repository, not one committed a moment ago.
  spawnSync('sleep', ['1.1']);
  git('update-index', '-q', '--refresh');
  return true;
}

/** Every spec file of the corpus (two levels: `.sdd/specs/<domain>/<id>.md`), sorted. */
export function listSpecFiles(dir) {
  const specsDir = path.join(dir, '.sdd', 'specs');
  const files = [];
  for (const domain of fs.readdirSync(specsDir, { withFileTypes: true })) {
    if (!domain.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(specsDir, domain.name))) if (f.endsWith('.md')) files.push(path.join(specsDir, domain.name, f));
  }
  return files.sort();
}

/**
 * Edits a rotating 1% slice of the spec files before each run (an appended body line), remembering
 * the originals. The corpus marker is flagged dirty meanwhile, so an interrupted benchmark leads to
 * a regenerated corpus next time rather than to measurements on edited files.
 */
export class RotatingEdits {
  constructor(dir, share = 0.01) {
    this.dir = dir;
    this.files = listSpecFiles(dir);
    this.perRun = Math.max(1, Math.round(this.files.length * share));
    this.originals = new Map();
    const marker = readCorpusMarker(dir);
    writeCorpusMarker(dir, { ...marker, dirty: true });
  }

  /** Before run `run`: append a line to the next slice of files. */
  apply(run) {
    for (let k = 0; k < this.perRun; k++) {
      const file = this.files[(run * this.perRun + k) % this.files.length];
      if (!this.originals.has(file)) this.originals.set(file, fs.readFileSync(file));
      fs.appendFileSync(file, `\nRevision note ${run + 1}: wording clarified during benchmark run ${run + 1}.\n`);
    }
  }

  /** Writes every edited file back as it was generated and clears the dirty flag. */
  restore() {
    for (const [file, text] of this.originals) fs.writeFileSync(file, text);
    this.originals.clear();
    const { dirty, ...marker } = readCorpusMarker(this.dir);
    writeCorpusMarker(this.dir, marker);
  }
}
