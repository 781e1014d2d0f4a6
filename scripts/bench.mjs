#!/usr/bin/env node
/**
 * End-to-end benchmark of the built CLI on generated corpora (`npm run bench` builds first).
 *
 *   node scripts/bench.mjs [--sizes 1000,10000] [--large] [--runs N] [--only a,b] [--json file]
 *                          [--check-targets] [--seed S] [--code-files-ratio R] [--no-git]
 *
 * Every sample is a whole process (spawn → exit), as users see it. Corpora live in .bench/<size>/
 * and are reused while their marker matches. Results are markdown tables on stdout; progress goes
 * to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { COMMON_TERM, RARE_TERM } from './gen-corpus.mjs';
import { ensureCorpus, RotatingEdits } from './lib/bench-corpus.mjs';
import { measureCase, measureInterleaved, measurePeakRss, runOnce } from './lib/measure.mjs';
import { measureCommits } from './lib/bench-commit.mjs';
import { evaluateTargets } from './lib/targets.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SDD = path.join(ROOT, 'bin', 'sdd.js');
const NODE = process.execPath;
const LARGE = 100000;
const LARGE_DEFAULT_RUNS = 5;

/**
 * The cases, in the order they are reported. `sdd` cases run `node bin/sdd.js <args>` in the
 * corpus; `okCodes` lists the exit codes that count as success (1 = findings / no match).
 * `together` cases run round-robin with `node -e 0` (one run of each per round): their ratios to
 * it, and the searches' comparison with rg, then come from runs made under the same load.
 */
const CASES = [
  { name: 'list-json', together: true, label: 'sdd list --json', sdd: ['list', '--json'], verify: (run, size) => (jsonOf(run)?.count === size ? null : `expected a JSON document with count ${size}`) },
  { name: 'query', together: true, label: "sdd query 'status:review AND phase:2'", sdd: ['query', 'status:review AND phase:2'], okCodes: [0, 1] },
  { name: 'search-common', together: true, label: `sdd search ${COMMON_TERM}`, sdd: ['search', COMMON_TERM], okCodes: [0, 1] },
  { name: 'search-rare', together: true, label: `sdd search ${RARE_TERM}`, sdd: ['search', RARE_TERM], okCodes: [0, 1] },
  { name: 'refresh-nochange', together: true, label: 'refresh, nothing changed (sdd list --count)', sdd: ['list', '--count'], verify: countIs },
  { name: 'refresh-1pct', label: 'refresh, 1% of specs changed (sdd list --count)', sdd: ['list', '--count'], verify: countIs, edits: true },
  { name: 'rebuild', label: 'full rebuild (sdd cache rebuild)', sdd: ['cache', 'rebuild'] },
  { name: 'validate', label: 'sdd validate', sdd: ['validate'], okCodes: [0, 1], verify: (run) => (run.status === 1 && !String(run.stdout).trim() ? 'exit 1 without findings on stdout' : null) },
  { name: 'drift', label: 'sdd drift, nothing changed', sdd: ['drift'], okCodes: [0, 1], verify: (run) => (/^\d+ specs?: /m.test(String(run.stdout)) ? null : 'no summary line on stdout') },
  { name: 'check-sarif', label: 'sdd check --format sarif', sdd: ['check', '--format', 'sarif'], okCodes: [0, 1], verify: (run) => (jsonOf(run)?.version === '2.1.0' ? null : 'stdout is not a SARIF 2.1.0 document') },
  { name: 'rg-common', together: true, label: `rg -il ${COMMON_TERM} .sdd/specs`, exec: ['rg', '-il', COMMON_TERM, '.sdd/specs'], okCodes: [0, 1] },
  { name: 'rg-rare', together: true, label: `rg -il ${RARE_TERM} .sdd/specs`, exec: ['rg', '-il', RARE_TERM, '.sdd/specs'], okCodes: [0, 1] },
];
const RSS_CASE = 'rss-rebuild';
/** Whole `git commit` of one changed spec, with and without sdd's pre-commit hook (scripts/lib/bench-commit.mjs). */
const COMMIT_CASES = {
  'commit-hook': 'git commit, one spec changed, sdd pre-commit hook',
  'commit-plain': 'git commit, one spec changed, no hook (--no-verify)',
};

function jsonOf(run) {
  try {
    return JSON.parse(String(run.stdout));
  } catch {
    return null;
  }
}

function countIs(run, size) {
  return String(run.stdout).trim() === String(size) ? null : `expected "${size}", got "${String(run.stdout).trim().slice(0, 40)}"`;
}
const ALL_NAMES = [...CASES.map((c) => c.name), ...Object.keys(COMMIT_CASES), RSS_CASE];

const USAGE = `Usage: node scripts/bench.mjs [options]   (or: npm run bench -- [options])
  --sizes 1000,10000       corpus sizes (specs) to measure
  --large                  also measure ${LARGE} specs (${LARGE_DEFAULT_RUNS} runs unless --runs is given)
  --runs N                 timed runs per case after 2 warm-ups (default 15)
  --only a,b               only these cases (baseline always runs): ${ALL_NAMES.join(', ')}
  --json FILE              also write all results as JSON
  --check-targets          print PASS/FAIL per performance target; exit 1 unless all measured ones pass
  --seed S                 corpus seed (default 1)
  --code-files-ratio R     source files per spec in the corpus (default 0.5)
  --no-git                 do not make the corpora git repositories`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      large: { type: 'boolean', default: false },
      runs: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'string' },
      'check-targets': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      'code-files-ratio': { type: 'string', default: '0.5' },
      'no-git': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true };
  const sizes = values.sizes.split(',').filter(Boolean).map(Number);
  if (values.large && !sizes.includes(LARGE)) sizes.push(LARGE);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes must be positive integers, got "${values.sizes}"`);
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  const only = values.only ? values.only.split(',').filter(Boolean) : null;
  const unknown = (only ?? []).filter((n) => !ALL_NAMES.includes(n));
  if (unknown.length) throw new Error(`unknown case ${unknown.join(', ')}; cases are ${ALL_NAMES.join(', ')}`);
  const ratio = Number(values['code-files-ratio']);
  if (!(ratio >= 0)) throw new Error(`--code-files-ratio must be a number >= 0, got "${values['code-files-ratio']}"`);
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b), runs, only, json: values.json, checkTargets: values['check-targets'], seed: values.seed, ratio, git: !values['no-git'] };
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

function machine() {
  const cpus = os.cpus();
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sdd: pkg.version,
    commit: commit.status === 0 ? commit.stdout.trim() : null,
  };
}

function benchSize(size, options) {
  const dir = path.join(ROOT, '.bench', String(size));
  const codeFiles = Math.round(size * options.ratio);
  const marker = ensureCorpus(dir, { count: size, seed: options.seed, codeFiles, git: options.git }, (l) => log(`[${size}] ${l}`));
  const runs = options.runs ?? (size >= LARGE ? LARGE_DEFAULT_RUNS : 15);
  const wanted = (name) => !options.only || options.only.includes(name);
  const cases = {};
  const record = (name, label, result) => {
    cases[name] = { label, ...result };
    const shown = result.status === 'ok' ? `${fmt(result.median)} ms (min ${fmt(result.min)})` : `${result.status}: ${result.detail}`;
    log(`[${size}] ${label}: ${shown}`);
  };

  const spec = (c) => {
    const [command, ...args] = c.sdd ? [NODE, SDD, ...c.sdd] : c.exec;
    return { command, args, cwd: dir, okCodes: c.okCodes, runs, verify: c.verify && ((run) => c.verify(run, size)) };
  };
  const together = CASES.filter((c) => c.together && wanted(c.name));
  const [baseline, ...results] = measureInterleaved([{ command: NODE, args: ['-e', '0'], cwd: dir, runs }, ...together.map(spec)]);
  record('baseline', 'node -e 0', baseline);
  const measured = new Map(together.map((c, i) => [c, results[i]]));
  for (const c of CASES) {
    if (!wanted(c.name)) continue;
    if (measured.has(c)) {
      record(c.name, c.label, measured.get(c));
      continue;
    }
    const edits = c.edits ? new RotatingEdits(dir) : null;
    try {
      record(c.name, c.label, measureCase({ ...spec(c), prepare: edits && ((i) => edits.apply(i)) }));
    } finally {
      edits?.restore();
    }
  }
  const commitNames = Object.keys(COMMIT_CASES).filter(wanted);
  if (commitNames.length) {
    const result = marker.git
      ? measureCommits(dir, { node: NODE, sdd: SDD, runs, names: commitNames, log: (l) => log(`[${size}] ${l}`) })
      : { cases: Object.fromEntries(commitNames.map((n) => [n, { status: 'n/a', samples: [], detail: 'the corpus is not a git repository (--no-git)' }])) };
    const about = result.spec ? ` (${result.spec}, ${result.scope.dependents} dependents)` : '';
    for (const name of commitNames) record(name, COMMIT_CASES[name] + about, result.cases[name]);
  }
  let rss;
  if (wanted(RSS_CASE)) {
    rss = measurePeakRss({ command: NODE, args: [SDD, 'cache', 'rebuild'], cwd: dir });
    log(`[${size}] peak RSS of sdd cache rebuild: ${rss.status === 'ok' ? `${rss.mb.toFixed(0)} MB` : `${rss.status}: ${rss.detail}`}`);
  }
  return { size, dir: path.relative(ROOT, dir), runs, warmups: 2, corpus: { seed: marker.seed, codeFiles, commonSpecs: marker.commonSpecs, rareSpecs: marker.rareSpecIds.length, git: Boolean(marker.git) }, cases, rss };
}

function fmt(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function sizeTable(result) {
  const base = result.cases.baseline;
  const lines = [
    `### ${result.size.toLocaleString('en-US')} specs`,
    '',
    `Corpus: ${result.dir} (seed ${result.corpus.seed}, ${result.corpus.codeFiles} code files, "${COMMON_TERM}" in ${result.corpus.commonSpecs} specs, "${RARE_TERM}" in ${result.corpus.rareSpecs}${result.corpus.git ? ', git repository' : ''}); median of ${result.runs} runs after ${result.warmups} warm-ups; \`node -e 0\`, the warm reads and rg ran round-robin.`,
    '',
    '| command | median ms | min ms | × node -e 0 |',
    '|---|---:|---:|---:|',
  ];
  for (const c of Object.values(result.cases)) {
    if (c.status === 'ok') lines.push(`| ${c.label} | ${fmt(c.median)} | ${fmt(c.min)} | ${base.status === 'ok' ? (c.median / base.median).toFixed(2) : 'n/a'} |`);
    else lines.push(`| ${c.label} | ${c.status} | ${c.status} | ${c.status} |`);
  }
  if (result.rss) lines.push('', `Peak RSS of \`sdd cache rebuild\`: ${result.rss.status === 'ok' ? `${result.rss.mb.toFixed(0)} MB` : 'n/a'}`);
  const notes = Object.values(result.cases).filter((c) => c.status !== 'ok').map((c) => `- ${c.label}: ${c.status} (${c.detail})`);
  if (result.rss && result.rss.status !== 'ok') notes.push(`- peak RSS: ${result.rss.status} (${result.rss.detail})`);
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}

function main() {
  let options;
  try {
    options = parseOptions();
  } catch (err) {
    log(`Error: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // The build layout may change; what matters is that the binary starts.
  const probe = runOnce(NODE, [SDD, '--version'], { cwd: ROOT });
  if (probe.status !== 0) {
    log(`Error: \`node bin/sdd.js --version\` failed (exit ${probe.status}):\n${String(probe.stderr).trim().split('\n').slice(0, 5).join('\n')}\nFix: run \`npm run build\` first, or use \`npm run bench\`, which builds.`);
    return 2;
  }

  const info = machine();
  const results = {};
  for (const size of options.sizes) results[size] = benchSize(size, options);

  const out = [
    '## sdd benchmark',
    '',
    `${info.date} · ${info.cores} cores (${info.cpu}) · ${info.memoryGb} GB · ${info.os} · Node ${info.node} · sdd ${info.sdd}${info.commit ? ` (${info.commit})` : ''}`,
    '',
    ...Object.values(results).map(sizeTable).flatMap((t) => [t, '']),
  ];
  let targets;
  if (options.checkTargets) {
    targets = evaluateTargets(results);
    out.push('### Targets', '', ...targets.map((t) => `- ${t.verdict} ${t.label} — ${t.actual}`), '');
  }
  process.stdout.write(out.join('\n'));
  if (options.json) {
    fs.writeFileSync(options.json, JSON.stringify({ version: 1, machine: info, sizes: results, targets }, null, 2) + '\n');
    log(`wrote ${options.json}`);
  }
  if (targets?.some((t) => t.verdict === 'FAIL' || t.verdict === 'N/A')) return 1;
  return 0;
}

process.exitCode = main();
