/** One entry of `git diff --raw`: a changed path, relative as git printed it. */
export interface RawDiffEntry {
  /** A added, M modified, D deleted, T type changed, R renamed, C copied. */
  status: string;
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
  /** Blob on the old side (all zeros for an added file). */
  oldBlob: string;
  /** Blob on the new side (all zeros for a deleted file). */
  newBlob: string;
}

/**
 * Parses `git diff --raw -z --no-abbrev` output: `:<modes> <old> <new> <status>` then one path,
 * or two for renames and copies (old, new).
 */
export function parseRawDiff(output: string): RawDiffEntry[] {
  const tokens = output.split('\0');
  const out: RawDiffEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(tokens[i]);
    if (!m) continue;
    const status = m[3];
    if (status === 'R' || status === 'C') {
      const from = tokens[++i];
      out.push({ status, path: tokens[++i], from, oldBlob: m[1], newBlob: m[2] });
    } else {
      out.push({ status, path: tokens[++i], oldBlob: m[1], newBlob: m[2] });
    }
  }
  return out;
}
