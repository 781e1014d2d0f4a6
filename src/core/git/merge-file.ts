import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { Git } from './index.js';

/** How conflicts are drawn: git's `merge.conflictStyle` values. */
export type ConflictStyle = 'merge' | 'diff3' | 'zdiff3';

/** The names written after the conflict markers (`<<<<<<< ours`, `||||||| base`, `>>>>>>> theirs`). */
export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export const DEFAULT_LABELS: MergeLabels = { ours: 'ours', base: 'base', theirs: 'theirs' };

export interface LineMergeOptions {
  labels?: MergeLabels;
  /** Unset: git's own configuration (`merge.conflictStyle`) decides, as in any `git merge`. */
  conflictStyle?: ConflictStyle;
  /** The repository whose configuration applies; unset: the current folder's. */
  git?: Git;
}

export interface LineMerge {
  output: Buffer;
  /** Conflicting hunks left in `output` (0: clean). */
  conflicts: number;
}

// @sdd merge-driver/MRG-006
/**
 * A line-based three-way merge by `git merge-file -p`, the merge git itself does for text files:
 * the same hunks, the same zealous conflict shrinking, the same markers. The three versions are
 * written to a private temp folder because git merge-file reads files, not pipes.
 * Throws an SddError when git is missing or refuses the input (binary content).
 */
export async function gitMergeFile(base: string | Uint8Array, ours: string | Uint8Array, theirs: string | Uint8Array, opts: LineMergeOptions = {}): Promise<LineMerge> {
  const labels = opts.labels ?? DEFAULT_LABELS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdd-merge-'));
  try {
    const files = { ours: path.join(dir, 'ours'), base: path.join(dir, 'base'), theirs: path.join(dir, 'theirs') };
    fs.writeFileSync(files.ours, ours);
    fs.writeFileSync(files.base, base);
    fs.writeFileSync(files.theirs, theirs);
    const style = opts.conflictStyle === 'diff3' ? ['--diff3'] : opts.conflictStyle === 'zdiff3' ? ['--zdiff3'] : [];
    const args = ['merge-file', '-p', ...style, '-L', labels.ours, '-L', labels.base, '-L', labels.theirs, files.ours, files.base, files.theirs];
    const { code, stdout, stderr } = await run(opts.git, args);
    // git merge-file exits with the number of conflicts (capped at 127); anything above is an error.
    if (code === null || code < 0 || code > 127) {
      const why = stderr.trim().replace(/^error: /, '') || `exit ${code}`;
      throw new SddError('merge_failed', `git merge-file could not merge the file: ${why}`, {
        fix: 'Resolve this file by hand (`git checkout --ours`/`--theirs`, or edit it), then `git add` it.',
      });
    }
    return { output: stdout, conflicts: code };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// @sdd merge-driver/MRG-006
/**
 * The repository's `merge.conflictStyle` (git's default "merge" when unset or unknown), so that
 * conflicts sdd draws itself look like the ones git draws.
 */
export async function configuredConflictStyle(git?: Git): Promise<ConflictStyle> {
  try {
    const { code, stdout } = await run(git, ['config', '--get', 'merge.conflictStyle']);
    const value = stdout.toString('utf8').trim();
    return code === 0 && (value === 'diff3' || value === 'zdiff3') ? value : 'merge';
  } catch {
    return 'merge';
  }
}

async function run(git: Git | undefined, args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  try {
    return await (git ?? new Git('.')).run(args);
  } catch (e) {
    throw new SddError('git_unavailable', `Cannot run git: ${(e as Error).message}`, {
      fix: 'Install git and make sure it is on PATH; the merge driver runs `git merge-file`.',
      cause: e,
    });
  }
}
