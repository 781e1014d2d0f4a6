import { execFileSync } from 'node:child_process';
import { makeTempDir } from './cli.js';

/** A small tmpfs mounted for a test, or why there cannot be one here. */
export type SmallDisk = { dir: string; reason: null } | { dir: null; reason: string };

/**
 * Mounts a tmpfs of `size` (as `mount -o size=`) on a fresh temp folder, for full-disk tests:
 * only root may mount, and some sandboxes forbid it even then.
 */
export function mountSmallDisk(size: string, prefix: string): SmallDisk {
  if (process.getuid?.() !== 0) return { dir: null, reason: 'needs root to mount a small tmpfs' };
  const dir = makeTempDir(prefix);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return { dir, reason: null };
  } catch {
    return { dir: null, reason: 'mount -t tmpfs is not allowed here' };
  }
}

/** Unmounts what mountSmallDisk mounted. */
export function unmountSmallDisk(dir: string | null): void {
  if (dir) execFileSync('umount', [dir]);
}
