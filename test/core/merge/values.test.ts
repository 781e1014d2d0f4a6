import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ABSENT, decideKey, mergeList, type ItemRef } from '../../../src/core/merge/values.js';

const valuesOf = (refs: ItemRef[], ours: unknown[], theirs: unknown[]) => refs.map((r) => (r.side === 'ours' ? ours : theirs)[r.index]);

// @sdd merge-driver/MRG-002
describe('decideKey', () => {
  const cases: Array<[string, unknown, unknown, unknown, string]> = [
    ['nobody changed it', 'draft', 'draft', 'draft', 'ours'],
    ['only ours changed it', 'draft', 'review', 'draft', 'ours'],
    ['only theirs changed it', 'draft', 'draft', 'review', 'theirs'],
    ['both changed it the same way', 'draft', 'review', 'review', 'ours'],
    ['both changed it differently', 'draft', 'review', 'approved', 'conflict'],
    ['theirs deleted it, ours kept it', 'x', 'x', ABSENT, 'theirs'],
    ['ours deleted it, theirs kept it', 'x', ABSENT, 'x', 'ours'],
    ['ours deleted it, theirs changed it', 'x', ABSENT, 'y', 'conflict'],
    ['only theirs added it', ABSENT, ABSENT, 'y', 'theirs'],
    ['both added it, differently', ABSENT, 'x', 'y', 'conflict'],
    ['null is a value, not a deletion', 'x', 'x', null, 'theirs'],
    ['a map changed on one side', { a: 1 }, { a: 1 }, { a: 2 }, 'theirs'],
    ['a map changed on both sides', { a: 1 }, { a: 1, b: 2 }, { a: 1, c: 3 }, 'conflict'],
    ['a list changed on both sides', ['a'], ['a', 'b'], ['a', 'c'], 'list'],
    ['a list added on both sides', ABSENT, ['a'], ['b'], 'list'],
    ['a scalar turned into different lists', 'a', ['a', 'b'], ['a', 'c'], 'conflict'],
    ['a multi-line string changed on both sides', 'a\nb\n', 'A\nb\n', 'a\nB\n', 'lines'],
    ['one-line strings changed on both sides', 'a', 'b', 'c', 'conflict'],
  ];
  for (const [name, b, o, t, kind] of cases) {
    it(name, () => assert.equal(decideKey(b, o, t).kind, kind));
  }
});

// @sdd merge-driver/MRG-003
describe('mergeList', () => {
  it('keeps ours order and appends the items theirs added', () => {
    const ours = ['auth', 'ux', 'sessions'];
    const theirs = ['security', 'auth', 'sessions'];
    assert.deepEqual(valuesOf(mergeList(['auth', 'sessions'], ours, theirs)!, ours, theirs), ['auth', 'ux', 'sessions', 'security']);
  });

  it('honours a removal on one side next to an addition on the other', () => {
    const ours = ['auth'];
    const theirs = ['auth', 'sessions', 'ux'];
    assert.deepEqual(valuesOf(mergeList(['auth', 'sessions'], ours, theirs)!, ours, theirs), ['auth', 'ux']);
  });

  it('matches mappings by id: an edit on one side replaces the old item, an addition is kept', () => {
    const base = [{ id: 'REQ-001', text: 'MUST log in' }];
    const ours = [{ id: 'REQ-001', text: 'MUST log in with a password' }];
    const theirs = [{ id: 'REQ-001', text: 'MUST log in' }, { id: 'REQ-002', text: 'MUST log out' }];
    const refs = mergeList(base, ours, theirs)!;
    assert.deepEqual(valuesOf(refs, ours, theirs), [ours[0], theirs[1]]);
  });

  it('refuses the same item edited differently, or edited on one side and removed on the other', () => {
    const base = [{ id: 'R-1', text: 'a' }];
    assert.equal(mergeList(base, [{ id: 'R-1', text: 'b' }], [{ id: 'R-1', text: 'c' }]), null);
    assert.equal(mergeList(base, [{ id: 'R-1', text: 'b' }], []), null);
    assert.equal(mergeList(base, [], [{ id: 'R-1', text: 'c' }]), null);
  });

  it('refuses lists with a repeated item, where set semantics would drop or double it', () => {
    assert.equal(mergeList(['a'], ['a', 'a'], ['a', 'b']), null);
  });

  it('is set union minus removals, in ours-then-theirs order (property)', () => {
    const tag = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const set = fc.uniqueArray(tag, { maxLength: 6 });
    fc.assert(fc.property(set, set, set, (base, ours, theirs) => {
      const refs = mergeList(base, ours, theirs);
      assert.ok(refs, 'plain values never conflict');
      const merged = valuesOf(refs, ours, theirs);
      const B = new Set(base);
      const O = new Set(ours);
      const T = new Set(theirs);
      const expected = [...ours.filter((x) => T.has(x) || !B.has(x)), ...theirs.filter((x) => !O.has(x) && !B.has(x))];
      assert.deepEqual(merged, expected);
    }));
  });
});
