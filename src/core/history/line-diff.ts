/**
 * A line diff (Myers' O(ND) algorithm) and its unified-diff rendering, for `sdd diff`. Specs are
 * small, so the simple variant that keeps one frontier per edit step is enough; a pathological
 * pair of files falls back to "delete everything, insert everything", which is still a correct
 * (if unhelpful) diff.
 */

export type LineOp = {
  kind: ' ' | '-' | '+';
  /** The line, with its terminator (`\n`) when it has one. */
  line: string;
  /** 0-based position in the old text (for `+`: where the line would go). */
  a: number;
  /** 0-based position in the new text (for `-`: where the line was). */
  b: number;
};

/** Lines with their terminators, so "a" and "a\n" differ (a missing final newline is a change). */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** Frontier cells kept at most (about 200 MB of Int32Array): past this, give up on a minimal diff. */
const MAX_TRACE_CELLS = 50_000_000;

/** The edit script turning `a` into `b`: every line of both, in order, marked kept, removed or added. */
export function diffLines(a: string[], b: string[]): LineOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: LineOp[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', line: a[i], a: i, b: i });
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  for (const op of middle) ops.push({ ...op, a: op.a + head, b: op.b + head });
  for (let i = tail; i > 0; i--) ops.push({ kind: ' ', line: a[a.length - i], a: a.length - i, b: b.length - i });
  return ops;
}

function myers(a: string[], b: string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] is the frontier before step d, over diagonals -d-1 … d+1.
  const trace: Int32Array[] = [];
  let cells = 0;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    cells += 2 * d + 3;
    if (cells > MAX_TRACE_CELLS) return replaceAll(a, b);
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return replaceAll(a, b);
}

function backtrack(a: string[], b: string[], trace: Int32Array[], depth: number): LineOp[] {
  const ops: LineOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d >= 0; d--) {
    const frontier = trace[d];
    const at = (k: number) => frontier[k + d + 1];
    const k = x - y;
    let prevX = 0;
    let prevY = 0;
    if (d > 0) {
      const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
      prevX = at(prevK);
      prevY = prevX - prevK;
    }
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x], a: x, b: y });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      ops.push({ kind: '+', line: b[y], a: x, b: y });
    } else {
      x--;
      ops.push({ kind: '-', line: a[x], a: x, b: y });
    }
  }
  return ops.reverse();
}

function replaceAll(a: string[], b: string[]): LineOp[] {
  return [
    ...a.map((line, i): LineOp => ({ kind: '-', line, a: i, b: 0 })),
    ...b.map((line, i): LineOp => ({ kind: '+', line, a: a.length, b: i })),
  ];
}

/** Groups an edit script into hunks: runs of changes with `context` unchanged lines around them. */
export function hunks(ops: LineOp[], context = 3): LineOp[][] {
  const out: LineOp[][] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let last = i;
    let j = i;
    while (j < ops.length) {
      if (ops[j].kind !== ' ') {
        last = j++;
        continue;
      }
      let run = 0;
      while (j + run < ops.length && ops[j + run].kind === ' ') run++;
      // Two changes closer than twice the context share one hunk, as in diff -u.
      if (j + run >= ops.length || run > 2 * context) break;
      j += run;
    }
    const stop = Math.min(ops.length, last + 1 + context);
    out.push(ops.slice(start, stop));
    i = stop;
  }
  return out;
}

function range(start: number, count: number): string {
  // diff -u names the line before an empty range, and leaves out a count of 1.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

// @sdd audit-trail/AUD-002
/**
 * `oldText` → `newText` as a unified diff with `context` lines of context (diff -u, git diff):
 * `---`/`+++` headers with the given labels, then `@@` hunks. Empty when the texts are equal.
 */
export function unifiedDiff(oldText: string, newText: string, labels: { from: string; to: string }, context = 3): string {
  if (oldText === newText) return '';
  const groups = hunks(diffLines(splitLines(oldText), splitLines(newText)), context);
  if (groups.length === 0) return '';
  const out: string[] = [`--- ${labels.from}\n`, `+++ ${labels.to}\n`];
  for (const group of groups) {
    const oldCount = group.filter((o) => o.kind !== '+').length;
    const newCount = group.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(group[0].a, oldCount)} +${range(group[0].b, newCount)} @@\n`);
    for (const op of group) {
      out.push(op.kind + op.line.replace(/\n$/, '') + '\n');
      if (!op.line.endsWith('\n')) out.push('\\ No newline at end of file\n');
    }
  }
  return out.join('');
}
