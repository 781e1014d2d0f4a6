import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runRegexTests } from '../../../src/core/policies/regex-runner.js';

describe('policy regexes: one budget for the whole run', () => {
  it('60 catastrophic policies stop at the overall budget, and every unfinished one is a failure', async () => {
    // Case-insensitive with a lookahead: V8's linear fallback cannot take it, so it backtracks.
    const patterns = Array.from({ length: 60 }, (_, i) => ({ source: `(?=a)(a+)+b${i}`, flags: 'i' }));
    const texts = ['a'.repeat(40)];
    const tests = new Int32Array(new SharedArrayBuffer(60 * 2 * 4));
    patterns.forEach((_, i) => { tests[2 * i] = i; tests[2 * i + 1] = 0; });
    const started = Date.now();
    const outcome = await runRegexTests({ patterns, texts, tests, groupEnds: patterns.map((_, i) => i + 1) }, 200, 1000);
    const ms = Date.now() - started;
    assert.ok(ms < 10_000, `took ${ms} ms`);
    assert.equal(outcome.failures.length, 60);
    assert.ok(outcome.failures.some((f) => f.reason === 'timeout'));
    assert.ok(outcome.failures.some((f) => f.reason === 'budget'));
    assert.deepEqual([...new Set(outcome.failures.map((f) => f.group))].sort((a, b) => a - b), patterns.map((_, i) => i));
  });
});
