import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** A batch of regex tests: each test is a (pattern, text) pair of indices into the tables. */
export interface RegexJob {
  patterns: Array<{ source: string; flags: string }>;
  texts: string[];
  /** Flat (pattern, text) index pairs, in a SharedArrayBuffer so restarted workers share it. */
  tests: Int32Array;
  /** Exclusive end of each group of tests (one group per policy), ascending. */
  groupEnds: number[];
}

/** A test that ran past the time budget or threw; its group's remaining tests were not run. */
export interface RegexFailure {
  test: number;
  group: number;
  /** 'budget': the run's overall budget ran out before the group finished. */
  reason: 'timeout' | 'error' | 'budget';
  message?: string;
}

export interface RegexOutcome {
  /** Per test: 2 matched, 1 did not match, 0 not run, 3 threw. */
  results: Uint8Array;
  failures: RegexFailure[];
}

export const MATCHED = 2;

/**
 * The worker's whole program. It is evaluated from this string (`eval: true`), so it needs no
 * file of its own: the same code runs from tsc's build/ and from esbuild's dist/ bundle. It only
 * runs regexes; the conditions around them are evaluated on the main thread from the results.
 * Before each test it publishes the test's index in `progress`; the main thread polls that
 * number, so progress costs one atomic store per test instead of a message.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { patterns, texts, tests, progress, results, start } = workerData;
const compiled = [];
const count = tests.length / 2;
for (let i = start; i < count; i++) {
  Atomics.store(progress, 0, i);
  const p = tests[2 * i];
  try {
    const re = compiled[p] || (compiled[p] = new RegExp(patterns[p].source, patterns[p].flags));
    results[i] = re.test(texts[tests[2 * i + 1]]) ? 2 : 1;
  } catch (err) {
    results[i] = 3;
    parentPort.postMessage({ failed: i, message: String((err && err.message) || err) });
  }
}
Atomics.store(progress, 0, count);
parentPort.postMessage({ done: true });
`;

// @sdd checks/CHK-004
/**
 * Runs every test of `job` in a worker thread. When one test runs longer than `timeoutMs` — a
 * catastrophically backtracking regex — the worker is terminated, the test's group is recorded
 * as failed, and a fresh worker carries on with the next group, so one bad policy costs at most
 * `timeoutMs` and never blocks the others.
 */
export async function runRegexTests(job: RegexJob, timeoutMs: number, totalMs = Infinity): Promise<RegexOutcome> {
  // One run's budget: many policies each just under the per-test budget, over many specs, must
  // not add up to minutes. Groups left unfinished when it runs out are failures of their own.
  const deadline = performance.now() + totalMs;
  const count = job.tests.length / 2;
  const results = new Uint8Array(new SharedArrayBuffer(Math.max(1, count)));
  const failures: RegexFailure[] = [];
  const failedGroups = new Set<number>();
  const fail = (test: number, reason: RegexFailure['reason'], message?: string) => {
    const group = groupOf(job.groupEnds, test);
    if (failedGroups.has(group)) return;
    failedGroups.add(group);
    failures.push({ test, group, reason, message });
  };
  let start = 0;
  while (start < count) {
    const run = await runWorker(job, start, results, timeoutMs, deadline);
    for (const e of run.errors) fail(e.test, 'error', e.message);
    if (run.stuckAt === null) break;
    if (run.outOfBudget) {
      for (let g = groupOf(job.groupEnds, run.stuckAt), first = run.stuckAt; g < job.groupEnds.length; first = job.groupEnds[g], g++) {
        if (first < job.groupEnds[g]) fail(first, 'budget');
      }
      break;
    }
    fail(run.stuckAt, 'timeout');
    start = job.groupEnds[groupOf(job.groupEnds, run.stuckAt)];
  }
  return { results: results.subarray(0, count), failures };
}

function groupOf(ends: number[], test: number): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] > test) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface WorkerRun {
  /** The test still running when the budget ran out, or null when the worker finished. */
  stuckAt: number | null;
  /** Whether it stopped because the run's overall deadline passed. */
  outOfBudget?: boolean;
  errors: Array<{ test: number; message: string }>;
}

function runWorker(job: RegexJob, start: number, results: Uint8Array, timeoutMs: number, deadline: number): Promise<WorkerRun> {
  const count = job.tests.length / 2;
  const progress = new Int32Array(new SharedArrayBuffer(4));
  // -1 until the worker starts its first test, so the worker's start-up time is never billed to a regex.
  progress[0] = -1;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { patterns: job.patterns, texts: job.texts, tests: job.tests, progress, results, start },
  });
  worker.unref();
  const errors: WorkerRun['errors'] = [];
  return new Promise<WorkerRun>((resolve, reject) => {
    let settled = false;
    let seen = -1;
    let seenSince = performance.now();
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      worker.removeAllListeners();
      worker.on('error', () => {});
      void worker.terminate().then(outcome, outcome);
    };
    // Polling a few times per budget bounds the overrun to about a fifth of the budget.
    const timer = setInterval(() => {
      const current = Atomics.load(progress, 0);
      const now = performance.now();
      if (now >= deadline && current < count) {
        settle(() => resolve({ stuckAt: Math.max(current, start), outOfBudget: true, errors }));
      } else if (current !== seen) {
        seen = current;
        seenSince = now;
      } else if (current >= 0 && current < count && now - seenSince >= timeoutMs) {
        settle(() => resolve({ stuckAt: current, errors }));
      }
    }, Math.min(50, Math.max(5, Math.floor(timeoutMs / 5))));
    worker.on('message', (m: { failed?: number; message?: string; done?: boolean }) => {
      if (m.failed !== undefined) errors.push({ test: m.failed, message: m.message ?? '' });
      if (m.done) settle(() => resolve({ stuckAt: null, errors }));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => {
      // A worker that finished exits right after its last message; only an early exit is a failure.
      if (Atomics.load(progress, 0) === count) settle(() => resolve({ stuckAt: null, errors }));
      else settle(() => reject(new Error(`The policy regex worker stopped unexpectedly (exit code ${code})`)));
    });
  });
}
