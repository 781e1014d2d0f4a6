import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gitEnv, REPO_ROOT } from './cli.js';

/** Golden files live in the source tree, not in build/: UPDATE=1 rewrites them there. */
const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'golden');

/**
 * Compares `text` byte for byte with test/golden/<name>. With UPDATE=1 the file is (re)written
 * instead: a deliberate refresh, reviewed in the diff like code. A mismatch fails with a line diff.
 */
export function expectGolden(name: string, text: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) assert.fail(`no golden file test/golden/${name}; run the test with UPDATE=1 to create it`);
  const expected = fs.readFileSync(file, 'utf8');
  if (expected === text) return;
  assert.fail(`output differs from test/golden/${name} (- golden, + actual; refresh with UPDATE=1 if the change is intended):\n${lineDiff(expected, text)}`);
}

/**
 * Makes output stable across runs: the repository's temp path becomes <repo>, and each commit
 * sha (full or abbreviated) becomes <commit-N>, N counting from the first commit.
 */
export function normalise(text: string, repo: string): string {
  let out = text.split(repo).join('<repo>');
  const shas = execFileSync('git', ['rev-list', '--reverse', '--all'], { cwd: repo, env: { ...process.env, ...gitEnv() }, encoding: 'utf8' }).split('\n').filter(Boolean);
  shas.forEach((sha, i) => {
    out = out.replace(new RegExp(`\\b${sha.slice(0, 7)}[0-9a-f]{0,33}\\b`, 'g'), `<commit-${i + 1}>`);
  });
  return out;
}

/** A minimal line diff (longest common subsequence), enough to see what moved in a golden. */
export function lineDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      lines.push(`  ${x[i]}`);
      i++;
      j++;
    } else if (j < y.length && (i === x.length || lcs[i][j + 1] >= lcs[i + 1][j])) lines.push(`+ ${y[j++]}`);
    else lines.push(`- ${x[i++]}`);
  }
  return lines.join('\n');
}
