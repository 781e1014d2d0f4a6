import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { closest, editDistance, specNotFound } from '../../../src/core/spec/lookup.js';

/** The textbook table, as the reference for the banded one. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it('agrees with the full table; with a bound, exactly up to it and bound+1 beyond', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 14 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 8 }), (a, b, max) => {
        const want = reference(a, b);
        assert.equal(editDistance(a, b), want);
        assert.equal(editDistance(a, b, max), want <= max ? want : max + 1);
      }),
      { numRuns: 3000, seed: 14 },
    );
  });
});

describe('closest: bounded work', () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `spec-${i.toString(36)}-${(i * 7919).toString(36)}`);

  it('a 30 KB id against 100k ids answers at once, with no suggestion', () => {
    const started = Date.now();
    assert.deepEqual(closest('x'.repeat(30_000), ids), []);
    const err = specNotFound('y'.repeat(30_000), ids);
    assert.ok(err.message.length < 200, 'the message does not repeat 30 KB');
    assert.ok(Date.now() - started < 2000);
  });

  it('a 200-character near-miss against 100k ids of that length stays within a few seconds', () => {
    const long = ids.map((id) => id.padEnd(200, 'q'));
    const started = Date.now();
    closest(`${long[5].slice(0, 199)}z`, long);
    assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
  });

  it('still suggests typos and containing ids', () => {
    assert.deepEqual(closest('user-logn', ['user-login', 'token-refresh']), ['user-login']);
    assert.deepEqual(closest('auth-login-flow', ['auth', 'billing']), ['auth']);
  });
});
