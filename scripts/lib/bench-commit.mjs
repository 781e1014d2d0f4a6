/**
 * The commit benchmark: a whole `git commit` of one changed spec in a corpus repository, with
 * sdd's pre-commit hook (`sdd check --staged`) and without it (`--no-verify`), as a user feels it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BENCH_GIT_ENV as GIT_ENV, listSpecFiles } from './bench-corpus.mjs';
import { readCorpusMarker, writeCorpusMarker } from '../gen-corpus.mjs';
import { measureCase } from './measure.mjs';

const IDENTITY = ['-c', 'user.name=sdd bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false'];

function git(dir, ...args) {
  const r = spawnSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${dir}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/**
 * Measures `commit-hook` and `commit-plain` (those of `names` that are wanted) in the corpus
 * repository `dir`. The hook is installed with `sdd hooks install`, finding sdd through a
 * node_modules/.bin shim (git-excluded). Each run starts from the corpus commit, appends a line
 * to one spec, stages it and commits; the spec is the last one whose staged check passes, so
 * the hook lets the commit through as it would for a good change. Returns {spec, scope, cases}.
 */
export function measureCommits(dir, { node, sdd, runs, names, log }) {
  const shim = path.join(dir, 'node_modules', '.bin', 'sdd');
  fs.mkdirSync(path.dirname(shim), { recursive: true });
  fs.writeFileSync(shim, `#!/bin/sh\nexec '${node}' '${sdd}' "$@"\n`, { mode: 0o755 });
  const exclude = path.join(dir, '.git', 'info', 'exclude');
  if (!fs.readFileSync(exclude, 'utf8').split('\n').includes('node_modules/')) fs.appendFileSync(exclude, 'node_modules/\n');
  const install = spawnSync(node, [sdd, 'hooks', 'install'], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  if (install.status !== 0) return { cases: Object.fromEntries(names.map((n) => [n, { status: 'n/a', samples: [], detail: (install.stderr || install.stdout).trim().split('\n')[0] }])) };
  const hooks = path.resolve(dir, git(dir, 'rev-parse', '--git-path', 'hooks'));

  const base = git(dir, 'rev-parse', 'HEAD');
  const marker = readCorpusMarker(dir);
  writeCorpusMarker(dir, { ...marker, dirty: true });
  let spec = null;
  let scope = null;
  const edit = (file, i) => {
    git(dir, 'reset', '-q', '--hard', base);
    fs.appendFileSync(file, `\nBenchmark edit ${i + 1}: one more sentence in this spec.\n`);
    git(dir, 'add', '--', path.relative(dir, file));
  };
  try {
    const files = listSpecFiles(dir);
    for (const file of files.slice(-50).reverse()) {
      edit(file, 0);
      const r = spawnSync(node, [sdd, 'check', '--staged', '--json'], { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
      if (r.status === 0) {
        spec = path.relative(dir, file);
        const staged = JSON.parse(r.stdout).staged;
        scope = { staged: staged.specs.length, dependents: staged.dependents.length };
        break;
      }
    }
    if (!spec) return { cases: Object.fromEntries(names.map((n) => [n, { status: 'n/a', samples: [], detail: 'no spec among the last 50 passes sdd check --staged' }])) };
    log(`committing ${spec} (${scope.dependents} dependents in the staged check's scope)`);
    const cases = {};
    for (const name of names) {
      const args = [...IDENTITY, '-c', `core.hooksPath=${hooks}`, 'commit', '-q', '-m', 'Benchmark: one spec changed', ...(name === 'commit-plain' ? ['--no-verify'] : [])];
      cases[name] = measureCase({
        command: 'git', args, cwd: dir, runs,
        prepare: (i) => edit(path.join(dir, spec), i),
        verify: () => (git(dir, 'rev-parse', 'HEAD~1') === base ? null : 'the commit did not land on the corpus commit'),
      });
    }
    return { spec, scope, cases };
  } finally {
    git(dir, 'reset', '-q', '--hard', base);
    const { dirty, ...clean } = readCorpusMarker(dir);
    writeCorpusMarker(dir, clean);
  }
}
