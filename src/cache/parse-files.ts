import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { separateModule } from '../launch.js';
import { fileHash } from './file-hash.js';
import type { ParseResult } from '../core/spec/parse.js';

/** A file to (re)read; `oldHash` is the hash of the bytes indexed for it, if any. */
export interface FileJob {
  rel: string;
  oldHash: string | null;
}

export interface ParsedFile {
  rel: string;
  /** fileHash of the bytes read (git's blob id); null when the file vanished before it could be read. */
  hash: string | null;
  /** Why the file could not be read (an errno code), when it exists and could not. */
  unreadable?: string;
  /** The bytes equal what is indexed: only the stat needs updating. */
  unchanged: boolean;
  result?: ParseResult;
}

type Parse = typeof import('../core/spec/parse.js').parseSpec;

/** Reads, hashes and (when the bytes changed) parses one spec file. */
export function readAndParse(root: string, job: FileJob, idPattern: string, parse: Parse): ParsedFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(root, job.rel));
  } catch (err) {
    // Vanished since the walk: the next refresh drops it. Unreadable: the caller fails on it
    // (an error object does not cross from the worker thread intact, a code does).
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    return { rel: job.rel, hash: null, unchanged: false, ...(code === 'ENOENT' ? {} : { unreadable: code }) };
  }
  const hash = fileHash(bytes);
  if (hash === job.oldHash) return { rel: job.rel, hash, unchanged: true };
  return { rel: job.rel, hash, unchanged: false, result: parse(job.rel, bytes.toString('utf8'), { requirementIdPattern: idPattern }) };
}

/** Below this many files a worker thread costs more to start than it saves. */
const WORKER_THRESHOLD = 256;
const BATCH = 64;
const MAX_IN_FLIGHT = 8;
// The worker's new space. V8's default grows it to about 50 MB, which a rebuild of 100,000 specs
// keeps to its end; 16 MB holds a batch's garbage as well and costs no measurable time (peak RSS
// of a 100k rebuild: 278-299 MB before, 255-269 MB after, by /usr/bin/time).
const WORKER_YOUNG_MB = 16;

/**
 * Yields parsed files in batches, in job order. Large jobs run in a worker thread, so reading and
 * parsing (CPU in the worker) overlap with the caller's SQLite writes (CPU on the main thread):
 * on two cores a full rebuild takes about as long as the slower of the two, not their sum. The
 * worker stays at most MAX_IN_FLIGHT batches ahead, which bounds memory on huge repositories.
 */
export async function* parseFiles(root: string, jobs: FileJob[], idPattern: string): AsyncGenerator<ParsedFile[]> {
  if (jobs.length < WORKER_THRESHOLD) {
    const { parseSpec } = await import('../core/spec/parse.js');
    for (let i = 0; i < jobs.length; i += BATCH) yield jobs.slice(i, i + BATCH).map((j) => readAndParse(root, j, idPattern, parseSpec));
    return;
  }
  const worker = new Worker(workerUrl(), { workerData: { root, jobs, idPattern, batch: BATCH, maxInFlight: MAX_IN_FLIGHT }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  const queue: ParsedFile[][] = [];
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: { batch?: ParsedFile[]; done?: boolean }) => {
    if (m.batch) queue.push(m.batch);
    if (m.done) finished = true;
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', (code) => {
    // It stays alive until terminated below: exiting before `done` would silently drop specs.
    if (!finished) failure ??= new Error(`The parse worker stopped (exit code ${code}) before it had read every spec file.`);
    finished = true;
    notify();
  });
  try {
    for (;;) {
      if (failure) throw failure;
      const batch = queue.shift();
      if (batch) {
        worker.postMessage('ack');
        yield batch;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker script: beside this module when compiled by tsc, dist/parse-worker.js when bundled. */
function workerUrl(): URL {
  return separateModule(new URL('./parse-worker.js', import.meta.url), 'parse-worker.js');
}
