import fs from 'node:fs';
import path from 'node:path';
import { walkSpecFiles } from '../core/spec/walk.js';
import { relativePath, type ProjectPaths } from '../core/project/paths.js';
import type { Config } from '../core/project/config.js';
import { fileHash } from './file-hash.js';
import type { Db } from './db.js';

export interface IndexDrift {
  file: string;
  problem: 'not-indexed' | 'file-missing' | 'content-changed' | 'metadata-mismatch';
  detail: string;
}

export interface VerifyReport {
  files: number;
  indexedFiles: number;
  indexedSpecs: number;
  drift: IndexDrift[];
}

/**
 * Compares the index with the files on disk, byte hash by byte hash, and (for files whose bytes
 * match) the parsed id and content hash with what is stored. Reads every file; writes nothing.
 */
export async function verifyIndex(db: Db, paths: ProjectPaths, config: Config): Promise<VerifyReport> {
  const { parseSpec } = await import('../core/spec/parse.js');
  const indexed = new Map((db.prepare('SELECT path, file_hash, problem FROM files').all() as Array<{ path: string; file_hash: string; problem: string | null }>).map((r) => [r.path, r]));
  const specRows = new Map((db.prepare('SELECT path, id, content_hash FROM specs').all() as Array<{ path: string; id: string; content_hash: string }>).map((r) => [r.path, r]));
  const drift: IndexDrift[] = [];
  const files = walkSpecFiles(paths.specsDir, relativePath(paths.root, paths.specsDir));
  for (const rel of files) {
    const row = indexed.get(rel);
    indexed.delete(rel);
    if (!row) {
      drift.push({ file: rel, problem: 'not-indexed', detail: 'the file exists but is not in the index' });
      continue;
    }
    const bytes = fs.readFileSync(path.join(paths.root, rel));
    const hash = fileHash(bytes);
    if (hash !== row.file_hash) {
      drift.push({ file: rel, problem: 'content-changed', detail: `indexed bytes ${row.file_hash.slice(0, 12)}, file has ${hash.slice(0, 12)}` });
      continue;
    }
    const parsed = parseSpec(rel, bytes.toString('utf8'), { requirementIdPattern: config.requirements.idPattern });
    const stored = specRows.get(rel);
    if (parsed.ok !== (stored !== undefined) || (parsed.ok && stored && (parsed.spec.id !== stored.id || parsed.spec.contentHash !== stored.content_hash))) {
      drift.push({ file: rel, problem: 'metadata-mismatch', detail: 'the stored spec differs from what the file parses to' });
    }
  }
  for (const rel of indexed.keys()) drift.push({ file: rel, problem: 'file-missing', detail: 'indexed, but the file no longer exists' });
  return {
    files: files.length,
    indexedFiles: (db.prepare('SELECT count(*) FROM files').pluck().get() as number),
    indexedSpecs: specRows.size,
    drift: drift.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  };
}
