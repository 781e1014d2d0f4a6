import { parentPort, workerData } from 'node:worker_threads';
import { parseSpec } from '../core/spec/parse.js';
import { readAndParse, type FileJob, type ParsedFile } from './parse-files.js';

/** Worker side of parseFiles: parses jobs in order, never more than maxInFlight batches ahead. */
const { root, jobs, idPattern, batch, maxInFlight } = workerData as { root: string; jobs: FileJob[]; idPattern: string; batch: number; maxInFlight: number };
let inFlight = 0;
let resume: (() => void) | null = null;
parentPort!.on('message', () => {
  inFlight--;
  resume?.();
  resume = null;
});

for (let i = 0; i < jobs.length; i += batch) {
  const out: ParsedFile[] = [];
  for (const job of jobs.slice(i, i + batch)) out.push(readAndParse(root, job, idPattern, parseSpec));
  parentPort!.postMessage({ batch: out });
  if (++inFlight >= maxInFlight) await new Promise<void>((r) => (resume = r));
}
parentPort!.postMessage({ done: true });
