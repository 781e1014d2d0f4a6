import crypto from 'node:crypto';

/**
 * The hash the index keeps of a spec file's bytes: git's blob id of them (sha1 over
 * `blob <size>\0` and the bytes). Any byte hash would tell changed files apart; this one also
 * equals what `git ls-files -s` shows for a file whose staged bytes are the indexed ones, so
 * `sdd check --staged` knows which cached specs hold exactly the staged content without
 * reading a single file.
 */
export function fileHash(bytes: Buffer): string {
  return crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
