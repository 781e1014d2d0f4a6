import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, filterEvents, parseTimeBound, toCsv, type AuditEvent } from '../../../src/core/history/audit.js';
import { parseRawLog } from '../../../src/core/history/versions.js';
import { SddError } from '../../../src/core/shared/errors.js';

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  time: '2024-05-01T10:00:00Z', actor: 'ada@example.com', action: 'spec.updated', resource: 'login', commit: 'a'.repeat(40), details: {}, ...over,
});

// @sdd audit-trail/AUD-004
describe('audit CSV', () => {
  it('quotes only fields that need it, doubling quotes (RFC 4180)', () => {
    const cases: Array<[string, string]> = [
      ['plain', 'plain'],
      ['', ''],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\nlines', '"two\nlines"'],
      ['cr\rhere', '"cr\rhere"'],
      ['"', '""""'],
      [' spaced ', ' spaced '],
    ];
    for (const [input, expected] of cases) assert.equal(csvField(input), expected, JSON.stringify(input));
  });

  it('writes a header row, CRLF line ends, details as JSON and an empty commit for none', () => {
    const csv = toCsv([
      event({ details: { reason: 'looks "fine", ship it' } }),
      event({ action: 'spec.approved', commit: null, details: {} }),
    ]);
    assert.equal(csv, [
      'time,actor,action,resource,commit,details',
      `2024-05-01T10:00:00Z,ada@example.com,spec.updated,login,${'a'.repeat(40)},"{""reason"":""looks \\""fine\\"", ship it""}"`,
      '2024-05-01T10:00:00Z,ada@example.com,spec.approved,login,,{}',
      '',
    ].join('\r\n'));
  });
});

// @sdd audit-trail/AUD-003
describe('audit filters', () => {
  const events = [
    event({ time: '2024-04-30T23:59:59Z', actor: 'Ada@Example.com', action: 'spec.created' }),
    event({ time: '2024-05-01T00:00:00Z', actor: 'bob@example.com', action: 'spec.approved', resource: 'logout' }),
    event({ time: '2024-05-01T23:59:59.500Z', action: 'spec.status_changed' }),
    event({ time: '2024-05-02T00:00:00Z' }),
  ];

  it('a bare --until date includes that whole day; --since starts at midnight UTC', () => {
    assert.deepEqual(filterEvents(events, { since: '2024-05-01', until: '2024-05-01' }).map((e) => e.time), ['2024-05-01T00:00:00Z', '2024-05-01T23:59:59.500Z']);
    assert.deepEqual(filterEvents(events, { since: '2024-05-01T12:00:00Z' }).length, 2);
  });

  it('matches actors case-insensitively, actions and resources exactly', () => {
    assert.equal(filterEvents(events, { actor: 'ada@example.COM' }).length, 3);
    assert.deepEqual(filterEvents(events, { actions: ['spec.created', 'spec.approved'] }).map((e) => e.action), ['spec.created', 'spec.approved']);
    assert.deepEqual(filterEvents(events, { resources: ['logout'] }).map((e) => e.actor), ['bob@example.com']);
  });

  it('rejects an unknown action and a date that does not parse, saying what is valid', () => {
    assert.throws(() => filterEvents(events, { actions: ['spec.approve'] }), (e: unknown) => e instanceof SddError && e.code === 'invalid_argument' && /spec\.approved/.test(e.fix ?? ''));
    assert.throws(() => parseTimeBound('last tuesday', '--since'), (e: unknown) => e instanceof SddError && /--since "last tuesday"/.test(e.message));
  });
});

describe('git log parsing', () => {
  it('reads -z --raw output with renames, additions and deletions', () => {
    const sha = (c: string) => c.repeat(40);
    const out = [
      `\x01${sha('1')}\tdan@example.com\t2024-05-03T10:00:00+02:00`, `\n:100644 100644 ${sha('a')} ${sha('b')} R087`, '.sdd/specs/old.md', '.sdd/specs/new name, "x".md',
      `:100644 000000 ${sha('c')} ${'0'.repeat(40)} D`, '.sdd/specs/gone.md',
      `\x01${sha('2')}\tada@example.com\t2024-05-01T10:00:00Z`, `\n:000000 100644 ${'0'.repeat(40)} ${sha('a')} A`, '.sdd/specs/old.md', '',
    ].join('\0');
    const commits = parseRawLog(out);
    assert.equal(commits.length, 2);
    assert.deepEqual(commits[0].changes.map((c) => [c.status, c.oldPath, c.path]), [['R', '.sdd/specs/old.md', '.sdd/specs/new name, "x".md'], ['D', '.sdd/specs/gone.md', '.sdd/specs/gone.md']]);
    assert.equal(commits[0].author, 'dan@example.com');
    assert.deepEqual(commits[1].changes.map((c) => [c.status, c.newBlob]), [['A', sha('a')]]);
  });

  it('reads a merge that changed a file against every parent (combined format) as an edit', () => {
    const sha = (c: string) => c.repeat(40);
    const out = [`\x01${sha('9')}\tmerger@example.com\t2024-05-05T10:00:00Z`, '', `::100644 100644 100644 ${sha('a')} ${sha('b')} ${sha('c')} MM`, '.sdd/specs/x.md', ''].join('\0');
    assert.deepEqual(parseRawLog(out)[0].changes, [{ status: 'M', oldBlob: sha('a'), newBlob: sha('c'), oldPath: '.sdd/specs/x.md', path: '.sdd/specs/x.md' }]);
  });
});
