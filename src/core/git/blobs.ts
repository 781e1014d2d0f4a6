/** One entry of `git ls-files -s -z`: an index entry with its blob id and merge stage. */
export interface IndexEntry {
  mode: string;
  blob: string;
  /** 0 normally; 1–3 for the sides of an unresolved merge conflict. */
  stage: number;
  path: string;
}

/** Parses `git ls-files -s -z` output (`<mode> <blob> <stage>\t<path>`, NUL-separated). */
export function parseIndexListing(output: string): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const token of output.split('\0')) {
    const m = /^(\d+) ([0-9a-f]+) (\d)\t(.*)$/s.exec(token);
    if (m) out.push({ mode: m[1], blob: m[2], stage: Number(m[3]), path: m[4] });
  }
  return out;
}

/**
 * Parses `git cat-file --batch` output: per object a `<sha> <type> <size>` line, the content and
 * a newline, or `<sha> missing`. Missing objects are left out.
 */
export function parseCatFileBatch(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const [sha, type, size] = buf.toString('utf8', pos, nl).split(' ');
    if (type === 'missing' || size === undefined) {
      pos = nl + 1;
      continue;
    }
    const end = nl + 1 + Number(size);
    out.set(sha, buf.toString('utf8', nl + 1, end));
    pos = end + 1;
  }
  return out;
}

/** The shas worth asking `git cat-file` for: each once, without the all-zero id of "no blob". */
export function wantedBlobs(shas: string[]): string[] {
  return [...new Set(shas)].filter((s) => !/^0+$/.test(s));
}
