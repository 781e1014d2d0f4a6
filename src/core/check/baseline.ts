import fs from 'node:fs';
import { SddError } from '../shared/errors.js';
import { replaceFileAtomic } from '../shared/fs-atomic.js';
import { schemaValidator } from '../shared/schema.js';
import type { Finding } from './findings.js';

/** A baseline: the findings accepted on some day, by fingerprint (stable across unrelated edits); schemas/baseline.schema.json. */
export interface Baseline {
  version: 1;
  findings: Array<{ fingerprint: string; rule_id: string; file: string; message: string }>;
}

// @sdd checks/CHK-005
export function readBaseline(file: string, display: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SddError('baseline_missing', `The baseline ${display} does not exist`, { target: { file: display }, fix: 'Create it with `sdd check --baseline <file> --update-baseline`.' });
    }
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SddError('baseline_invalid', `The baseline is not valid JSON: ${(err as Error).message}`, { target: { file: display }, fix: 'Regenerate it with `sdd check --baseline <file> --update-baseline`.' });
  }
  if (!schemaValidator('baseline')(data)) {
    throw new SddError('baseline_invalid', 'The baseline is not an sdd baseline (version 1 with a findings list)', { target: { file: display }, fix: 'Regenerate it with `sdd check --baseline <file> --update-baseline`.' });
  }
  return new Set((data as Baseline).findings.map((f) => f.fingerprint));
}

/** Writes today's findings as the baseline, sorted so the file diffs well in review. */
export function writeBaseline(file: string, findings: Finding[]): void {
  const entries = findings
    .map((f) => ({ fingerprint: f.fingerprint, rule_id: f.ruleId, file: f.file, message: f.message }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  const unique = entries.filter((e, i) => i === 0 || e.fingerprint !== entries[i - 1].fingerprint);
  const doc: Baseline = { version: 1, findings: unique };
  replaceFileAtomic(file, JSON.stringify(doc, null, 2) + '\n');
}
