import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveVersion, type SpecVersion } from '../../../src/core/history/versions.js';
import { SddError } from '../../../src/core/shared/errors.js';

const version = (n: number, commit: string | null): SpecVersion => ({
  version: n, commit, author: commit ? 'ada@example.com' : null, date: '2024-01-01T00:00:00Z', file: '.sdd/specs/a.md',
  text: '', spec: null, contentHash: null, status: null, statusChangedFrom: null,
});

// Commit shas whose prefixes are all digits: the case that used to be read as a version number.
const versions = [
  version(1, '29685004' + 'a'.repeat(32)),
  version(2, '1234abcd' + 'b'.repeat(32)),
  version(3, '2' + 'c'.repeat(39)),
  version(4, null),
];

// @sdd audit-trail/AUD-002
describe('resolveVersion', () => {
  const resolved: Array<[ref: string, version: number]> = [
    ['1', 1], ['v2', 2], ['V3', 3], ['4', 4],
    ['29685004', 1], ['2968', 1], ['1234abcd', 2], ['1234', 2],
    ['working', 4], ['HEAD', 3],
  ];
  for (const [ref, expected] of resolved) {
    it(`"${ref}" → v${expected}`, () => assert.equal(resolveVersion(versions, ref, null, '.sdd/specs/a.md').version, expected));
  }

  const refused: Array<[ref: string, message: RegExp]> = [
    ['9', /There is no version 9 of \.sdd\/specs\/a\.md \(it has 4\)$/],
    ['v29685004', /There is no version 29685004/],
    ['5555', /no version was committed in a commit starting with "5555"/],
    ['deadbeef', /No version of .* starting with "deadbeef"/],
    ['nonsense', /"nonsense" names no version/],
  ];
  for (const [ref, message] of refused) {
    it(`"${ref}" is refused`, () => {
      assert.throws(() => resolveVersion(versions, ref, null, '.sdd/specs/a.md'), (err: unknown) => err instanceof SddError && err.code === 'version_not_found' && message.test(err.message));
    });
  }

  it('a number that is both a version and a sha prefix is ambiguous, naming both ways out', () => {
    const both = [version(1, '0002' + 'd'.repeat(36)), version(2, '9' + 'e'.repeat(39))];
    // "0002" is version 2 and the prefix of v1's commit.
    assert.throws(() => resolveVersion(both, '0002', null, 'a.md'), /both version 2 and the start of commit 0002d.*`v2`/);
    assert.equal(resolveVersion(both, 'v2', null, 'a.md').version, 2);
  });
});
