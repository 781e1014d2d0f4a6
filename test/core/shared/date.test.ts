import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoInstant, nextDay, parseIsoDate } from '../../../src/core/shared/date.js';
import { parseTimeBound } from '../../../src/core/history/audit.js';
import { SddError } from '../../../src/core/shared/errors.js';

describe('parseIsoDate', () => {
  const rejected = ['1', '2024', '2024-5-1', '2024-13-01', '2024-02-30', '2023-02-29', '2024-00-10', '2024-01-32', 'yesterday',
    '2024-01-01T24:00', '2024-01-01T10:60', '2024-01-01T10:00:61', '2024-01-01T10:00+15:00', '2024-01-01x', ' ', '20240101'];
  for (const value of rejected) {
    it(`rejects ${JSON.stringify(value)}`, () => assert.equal(parseIsoDate(value), null));
  }

  it('reads dates and date-times, a missing zone as UTC', () => {
    assert.deepEqual(parseIsoDate('2024-02-29'), { dateOnly: true, ms: Date.UTC(2024, 1, 29), day: '2024-02-29' });
    assert.equal(parseIsoDate('2024-05-01T12:30')!.ms, Date.UTC(2024, 4, 1, 12, 30));
    assert.equal(parseIsoDate('2024-05-01T12:30:15.250Z')!.ms, Date.UTC(2024, 4, 1, 12, 30, 15, 250));
    assert.equal(parseIsoDate('2024-05-01T01:00+02:00')!.ms, Date.UTC(2024, 3, 30, 23, 0));
    assert.equal(parseIsoDate('2024-05-01T01:00+02:00')!.day, '2024-04-30');
  });

  it('steps days across month and year ends', () => {
    assert.equal(nextDay(Date.UTC(2024, 1, 28)), '2024-02-29');
    assert.equal(nextDay(Date.UTC(2024, 11, 31, 13)), '2025-01-01');
    assert.equal(isoInstant(Date.UTC(2024, 0, 2, 3, 4, 5)), '2024-01-02T03:04:05Z');
  });
});

describe('audit --since / --until use the strict parser', () => {
  for (const value of ['1', '2024-02-30', '2024-13-45']) {
    it(`--since ${value} is an error, not a guess`, () => {
      assert.throws(() => parseTimeBound(value, '--since'), (e: unknown) => e instanceof SddError && e.code === 'invalid_argument' && e.message === `--since "${value}" is not a date`);
    });
  }
  it('--until of a bare date ends with that day', () => {
    assert.equal(parseTimeBound('2024-02-29', '--until'), Date.UTC(2024, 2, 1) - 1);
  });
});
