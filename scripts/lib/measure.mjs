/**
 * Whole-process timing: each sample spawns a fresh process and measures wall time around the
 * spawn, as a user would experience it (process start, module loading, work, exit).
 */
import { spawnSync } from 'node:child_process';

/** Output of `list --json` at 100k specs runs to tens of MB; never let a sample fail on that. */
const MAX_BUFFER = 1 << 30;

/** Environment for every spawned command: no colours, no inherited debug switches. */
export function benchEnv() {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const key of ['FORCE_COLOR', 'SDD_DEBUG', 'NODE_OPTIONS']) delete env[key];
  return env;
}

/** Runs `command args` once in `cwd`, stdout and stderr to pipes. Returns {ms, status, stdout, stderr, error}. */
export function runOnce(command, args, { cwd, env = benchEnv() } = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: MAX_BUFFER });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: r.status, signal: r.signal, stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr ?? Buffer.alloc(0), error: r.error };
}

export function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** True when a command is simply not there yet: exit 2 with commander's (or sdd's) "unknown command". */
export function isUnknownCommand(run) {
  if (run.status !== 2) return false;
  return /unknown command|unknown_command/i.test(`${run.stdout}\n${run.stderr}`);
}

/**
 * Measures one benchmark case: `warmups` untimed runs, then `runs` timed ones. `prepare(i)` runs
 * before every run (warm-ups included) and is not timed. Exit codes outside `okCodes`, a crash
 * (an uncaught exception also exits 1) or a message from `verify(run)` about the output stop the
 * case with status "error"; an unknown command stops it with status "n/a".
 * Returns {status: 'ok' | 'n/a' | 'error', samples, median, min, detail}.
 */
export function measureCase(spec) {
  return measureInterleaved([spec])[0];
}

/**
 * Measures several cases round-robin: each round runs every case once, so all of them sample the
 * machine in the same minutes. On a shared machine whose load drifts, that is what makes a ratio
 * between two cases (a command against `node -e 0`) mean something. Results as measureCase's,
 * in the order of `specs`; a case that fails leaves the rotation.
 */
export function measureInterleaved(specs) {
  const states = specs.map((spec) => ({ spec, warmups: spec.warmups ?? 2, samples: [], result: null }));
  const rounds = Math.max(...states.map((st) => st.warmups + st.spec.runs));
  for (let i = 0; i < rounds; i++) {
    for (const st of states) {
      const { command, args, cwd, okCodes = [0], runs, prepare, verify } = st.spec;
      if (st.result || i >= st.warmups + runs) continue;
      prepare?.(i);
      const run = runOnce(command, args, { cwd });
      st.result = failure(run, command, okCodes, verify);
      if (!st.result && i >= st.warmups) st.samples.push(run.ms);
    }
  }
  return states.map(({ samples, result }) => (result ? { ...result, samples } : { status: 'ok', samples, median: median(samples), min: Math.min(...samples) }));
}

/** Why a run does not count ({status, detail}), or null when it does. */
function failure(run, command, okCodes, verify) {
  if (run.error) {
    const missing = run.error.code === 'ENOENT';
    return { status: missing ? 'n/a' : 'error', detail: missing ? `${command} not installed` : run.error.message };
  }
  if (isUnknownCommand(run)) return { status: 'n/a', detail: firstLine(run.stderr) || firstLine(run.stdout) };
  if (!okCodes.includes(run.status) || isCrash(run)) {
    const why = run.status === null ? `killed by ${run.signal}` : `exit ${run.status}`;
    return { status: 'error', detail: `${why}: ${firstLine(run.stderr) || firstLine(run.stdout)}` };
  }
  const wrong = verify?.(run);
  return wrong ? { status: 'error', detail: `unexpected output: ${wrong}` } : null;
}

/**
 * Peak resident set size in MB of `command args`, via GNU time (`/usr/bin/time -f %M`), the
 * largest of `runs` runs. Returns {status, mb, detail}.
 */
export function measurePeakRss({ timeBinary = '/usr/bin/time', command, args, cwd, okCodes = [0], runs = 3 }) {
  const probe = runOnce(timeBinary, ['-f', '%M', 'true']);
  if (probe.error || probe.status !== 0 || !/^\d+\s*$/m.test(String(probe.stderr))) {
    return { status: 'n/a', detail: `${timeBinary} (GNU time) not available` };
  }
  let peakKb = 0;
  for (let i = 0; i < runs; i++) {
    const run = runOnce(timeBinary, ['-f', '%M', command, ...args], { cwd });
    if (isUnknownCommand(run)) return { status: 'n/a', detail: firstLine(run.stderr) };
    const lines = String(run.stderr).trimEnd().split('\n');
    const kb = Number(lines[lines.length - 1]);
    if (!okCodes.includes(run.status) || !Number.isFinite(kb) || isCrash(run)) {
      return { status: 'error', detail: `exit ${run.status}: ${lines.find((l) => l.trim()) ?? ''}` };
    }
    peakKb = Math.max(peakKb, kb);
  }
  return { status: 'ok', mb: peakKb / 1024 };
}

/** An uncaught exception: Node prints a stack trace and exits 1, which must not pass for "findings". */
export function isCrash(run) {
  return /node:internal\/|^\s+at .+(\(|file:\/\/|node:)/m.test(String(run.stderr));
}

function firstLine(buf) {
  return String(buf).split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 160) ?? '';
}
