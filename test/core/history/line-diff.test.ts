import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { diffLines, splitLines, unifiedDiff } from '../../../src/core/history/line-diff.js';
import { makeTempDir } from '../../helpers/cli.js';

/** Length of the longest common subsequence, by dynamic programming: the reference for minimality. */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

/** Applies a unified diff to `oldText`, checking every context and removed line on the way. */
function applyPatch(oldText: string, patch: string): string {
  const old = splitLines(oldText);
  const out: string[] = [];
  let pos = 0;
  const lines = patch.split('\n').slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const noNewline = lines[i + 1] === '\\ No newline at end of file';
    const full = line.slice(1) + (noNewline ? '' : '\n');
    if (line.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(line);
      assert.ok(m, `bad hunk header ${line}`);
      const start = m[2] === '0' ? Number(m[1]) : Number(m[1]) - 1;
      while (pos < start) out.push(old[pos++]);
    } else if (line.startsWith(' ') || line.startsWith('-')) {
      assert.equal(old[pos], full, `line ${pos + 1} of the old text`);
      pos++;
      if (line.startsWith(' ')) out.push(full);
    } else if (line.startsWith('+')) {
      out.push(full);
    }
  }
  while (pos < old.length) out.push(old[pos++]);
  return out.join('');
}

const text = (lines: string[], finalNewline: boolean) => lines.join('\n') + (finalNewline && lines.length ? '\n' : '');

// @sdd audit-trail/AUD-002
describe('line diff', () => {
  it('finds a minimal edit script that turns one text into the other', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'd', '', '- **REQ-001** x');
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
      const ops = diffLines(a, b);
      assert.deepEqual(ops.filter((o) => o.kind !== '+').map((o) => o.line), a);
      assert.deepEqual(ops.filter((o) => o.kind !== '-').map((o) => o.line), b);
      assert.equal(ops.filter((o) => o.kind !== ' ').length, a.length + b.length - 2 * lcsLength(a, b));
    }), { numRuns: 500 });
  });

  it('renders hunks that apply back to the new text, with or without final newlines', () => {
    const line = fc.constantFrom('one', 'two', 'three', 'four', '', 'five');
    const doc = fc.tuple(fc.array(line, { maxLength: 40 }), fc.boolean()).map(([l, nl]) => text(l, nl));
    fc.assert(fc.property(doc, doc, (a, b) => {
      const patch = unifiedDiff(a, b, { from: 'a', to: 'b' });
      if (a === b) assert.equal(patch, '');
      else assert.equal(applyPatch(a, patch), b);
    }), { numRuns: 500 });
  });

  it('prints three lines of context and a header like diff -u', () => {
    const a = text(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16'], true);
    const b = text(['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17'], true);
    assert.equal(unifiedDiff(a, b, { from: 'old', to: 'new' }), [
      '--- old', '+++ new',
      '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8',
      '@@ -14,3 +14,4 @@', ' 14', ' 15', ' 16', '+17', '',
    ].join('\n'));
  });

  it('joins changes closer than six lines into one hunk', () => {
    const a = text(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], true);
    const b = text(['A', 'b', 'c', 'd', 'e', 'f', 'g', 'H', 'i'], true);
    const patch = unifiedDiff(a, b, { from: 'x', to: 'y' });
    assert.equal(patch.split('\n').filter((l) => l.startsWith('@@')).length, 1);
    assert.match(patch, /^@@ -1,9 \+1,9 @@$/m);
  });

  it('marks a missing final newline and names empty ranges by the line before', () => {
    assert.equal(unifiedDiff('a\n', 'a', { from: 'x', to: 'y' }), '--- x\n+++ y\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('', 'a\nb\n', { from: '/dev/null', to: 'y' }), '--- /dev/null\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    assert.equal(unifiedDiff('a\nb\n', 'a\n', { from: 'x', to: 'y' }), '--- x\n+++ y\n@@ -1,2 +1 @@\n a\n-b\n');
  });

  it('agrees with GNU diff -u on the line counts of every hunk', { skip: !hasGnuDiff() }, () => {
    const dir = makeTempDir('sdd-line-diff-');
    const a = text(['# Title', '', '- **REQ-001** The service MUST rotate.', '- **REQ-002** keep', '', 'para one', 'para two', 'tail 1', 'tail 2', 'tail 3', 'tail 4', 'end'], true);
    const b = text(['# Title', '', '- **REQ-001** The service MUST rotate tokens.', '- **REQ-002** keep', '- **REQ-003** new', '', 'para two', 'tail 1', 'tail 2', 'tail 3', 'tail 4', 'the end'], true);
    fs.writeFileSync(path.join(dir, 'a'), a);
    fs.writeFileSync(path.join(dir, 'b'), b);
    let gnu = '';
    try {
      execFileSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    } catch (err) {
      gnu = (err as { stdout: string }).stdout;
    }
    const headers = (p: string) => p.split('\n').filter((l) => l.startsWith('@@'));
    assert.deepEqual(headers(unifiedDiff(a, b, { from: 'a', to: 'b' })), headers(gnu));
  });
});

function hasGnuDiff(): boolean {
  try {
    return /GNU diffutils/.test(execFileSync('diff', ['--version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}
