import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCatFileBatch, parseIndexListing, wantedBlobs } from '../../../src/core/git/blobs.js';

describe('parseIndexListing', () => {
  it('reads mode, blob, stage and a path that may hold spaces, tabs or newlines', () => {
    const out = [
      '100644 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0\t.sdd/specs/a b.md',
      '100755 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2\tx\ty\nz',
      '160000 cccccccccccccccccccccccccccccccccccccccc 0\tvendor/lib',
      '',
    ].join('\0');
    assert.deepEqual(parseIndexListing(out), [
      { mode: '100644', blob: 'a'.repeat(40), stage: 0, path: '.sdd/specs/a b.md' },
      { mode: '100755', blob: 'b'.repeat(40), stage: 2, path: 'x\ty\nz' },
      { mode: '160000', blob: 'c'.repeat(40), stage: 0, path: 'vendor/lib' },
    ]);
  });

  it('is empty for empty output', () => {
    assert.deepEqual(parseIndexListing(''), []);
  });
});

describe('parseCatFileBatch', () => {
  it('splits objects by their declared byte size, multi-byte text and newlines included', () => {
    const one = 'line 1\nline 2\n';
    const two = 'grüße\n';
    const buf = Buffer.concat([
      Buffer.from(`${'1'.repeat(40)} blob ${Buffer.byteLength(one)}\n${one}\n`),
      Buffer.from(`${'2'.repeat(40)} missing\n`),
      Buffer.from(`${'3'.repeat(40)} blob ${Buffer.byteLength(two)}\n${two}\n`),
    ]);
    assert.deepEqual([...parseCatFileBatch(buf)], [['1'.repeat(40), one], ['3'.repeat(40), two]]);
  });
});

describe('wantedBlobs', () => {
  it('asks for each sha once and never for the all-zero id', () => {
    assert.deepEqual(wantedBlobs(['a1', '0'.repeat(40), 'a1', 'b2']), ['a1', 'b2']);
  });
});
