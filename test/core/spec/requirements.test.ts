import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractRequirements, findKeyword, DEFAULT_REQUIREMENT_ID_PATTERN } from '../../../src/core/spec/requirements.js';

// @sdd spec-model/MODEL-005
describe('extractRequirements: where a requirement starts', () => {
  const valid: Array<{ name: string; line: string; id: string; text: string; column: number }> = [
    { name: 'bold id in a dash list', line: '- **REQ-001** The system MUST log in.', id: 'REQ-001', text: 'The system MUST log in.', column: 5 },
    { name: 'bold id followed by a colon', line: '- **REQ-016**: It MUST work.', id: 'REQ-016', text: 'It MUST work.', column: 5 },
    { name: 'plain id and colon', line: '- REQ-002: It SHOULD work.', id: 'REQ-002', text: 'It SHOULD work.', column: 3 },
    { name: 'star bullet, backticks', line: '* `REQ-003` It MAY work.', id: 'REQ-003', text: 'It MAY work.', column: 4 },
    { name: 'plus bullet, underscores', line: '+ __REQ-004__ It MAY work.', id: 'REQ-004', text: 'It MAY work.', column: 5 },
    { name: 'numbered list with a dot', line: '1. REQ-005 It MUST work.', id: 'REQ-005', text: 'It MUST work.', column: 4 },
    { name: 'numbered list with a parenthesis', line: '12) [REQ-006] It MUST work.', id: 'REQ-006', text: 'It MUST work.', column: 6 },
    { name: 'h3 heading with a colon', line: '### REQ-007: Sign-in', id: 'REQ-007', text: 'Sign-in', column: 5 },
    { name: 'h2 heading without separator', line: '## AUTH-12 Tokens', id: 'AUTH-12', text: 'Tokens', column: 4 },
    { name: 'em dash separator', line: '- REQ-008 — It MUST work.', id: 'REQ-008', text: 'It MUST work.', column: 3 },
    { name: 'nested list item', line: '   - REQ-009 It MUST work.', id: 'REQ-009', text: 'It MUST work.', column: 6 },
    { name: 'id alone', line: '- REQ-010', id: 'REQ-010', text: '', column: 3 },
  ];
  for (const c of valid) {
    it(`finds ${c.name}`, () => {
      const found = extractRequirements(c.line);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].id, c.id);
      assert.equal(found[0].text, c.text);
      assert.equal(found[0].column, c.column);
      assert.equal(found[0].line, 1);
    });
  }

  const invalid: Array<{ name: string; line: string }> = [
    { name: 'an id in the middle of a list item', line: '- See REQ-001 for details.' },
    { name: 'an id in a plain paragraph', line: 'REQ-001 The system MUST work.' },
    { name: 'a lower-case id', line: '- req-001 The system MUST work.' },
    { name: 'an id glued to more characters', line: '- REQ-17x The system MUST work.' },
    { name: 'an id without a number', line: '- REQ-ABC The system MUST work.' },
    { name: 'a heading without a space', line: '###REQ-001 The system MUST work.' },
    { name: 'a bullet without a space', line: '-REQ-001 The system MUST work.' },
  ];
  for (const c of invalid) {
    it(`ignores ${c.name}`, () => {
      assert.deepEqual(extractRequirements(c.line), []);
    });
  }
});

describe('extractRequirements: text, lines and code', () => {
  it('joins indented continuation lines into the text', () => {
    const body = ['- **REQ-001** The system MUST keep', '  a session for', '  30 days.', '- **REQ-002** Next.'].join('\n');
    const [first, second] = extractRequirements(body);
    assert.equal(first.text, 'The system MUST keep a session for 30 days.');
    assert.equal(second.text, 'Next.');
    assert.equal(second.line, 4);
  });

  it('stops a list item at a blank line', () => {
    const [r] = extractRequirements('- REQ-1 First part.\n\n  Separate paragraph.\n');
    assert.equal(r.text, 'First part.');
  });

  it('takes the paragraph under a heading as the heading requirement text', () => {
    const body = ['### REQ-006: Session length', '', 'Sessions SHOULD NOT outlive', 'a password change.', '', 'Unrelated paragraph MUST.'].join('\n');
    const [r] = extractRequirements(body);
    assert.equal(r.text, 'Session length Sessions SHOULD NOT outlive a password change.');
    assert.equal(r.keyword, 'SHOULD NOT');
  });

  it('ignores ids inside fenced code blocks of backticks and tildes', () => {
    const body = [
      '- REQ-001 Before.', //   1
      '```md', //               2
      '- REQ-002 In code.', //  3
      '```', //                 4
      '~~~~', //                5
      '- REQ-003 In tildes.', //6
      '```', //                 7  (does not close a ~~~~ fence)
      '- REQ-004 Still in.', // 8
      '~~~~', //                9
      '- REQ-005 After.', //   10
    ].join('\n');
    assert.deepEqual(extractRequirements(body).map((r) => [r.id, r.line]), [['REQ-001', 1], ['REQ-005', 10]]);
  });

  it('treats an unclosed fence as code to the end', () => {
    assert.deepEqual(extractRequirements('- REQ-1 a\n```\n- REQ-2 b\n').map((r) => r.id), ['REQ-1']);
  });

  it('reports file lines offset by firstLine and 1-based columns', () => {
    const body = ['# Title', '', '- **REQ-001** a', '  1. `REQ-002` b'].join('\n');
    const found = extractRequirements(body, 18);
    assert.deepEqual(found.map((r) => [r.id, r.line, r.column]), [['REQ-001', 20, 5], ['REQ-002', 21, 7]]);
  });

  it('handles CRLF line endings', () => {
    const found = extractRequirements('- REQ-1 The system MUST a\r\n  and b.\r\n- REQ-2 c\r\n');
    assert.deepEqual(found.map((r) => [r.id, r.text, r.line]), [['REQ-1', 'The system MUST a and b.', 1], ['REQ-2', 'c', 3]]);
  });

  it('keeps requirements in document order, duplicates included', () => {
    assert.deepEqual(extractRequirements('- REQ-2 b\n- REQ-1 a\n- REQ-2 again\n').map((r) => r.id), ['REQ-2', 'REQ-1', 'REQ-2']);
  });
});

describe('extractRequirements: custom id pattern', () => {
  it('finds only ids matching the pattern', () => {
    const body = '- AUTH_7 The system MUST a.\n- REQ-1 Not with this pattern.\n';
    assert.deepEqual(extractRequirements(body, 1, 'AUTH_[0-9]+').map((r) => r.id), ['AUTH_7']);
    assert.deepEqual(extractRequirements(body, 1, DEFAULT_REQUIREMENT_ID_PATTERN).map((r) => r.id), ['REQ-1']);
  });

  it('supports alternation and groups inside the pattern', () => {
    const found = extractRequirements('- **SEC-2** x MUST\n- AUTH-1: y\n- REQ-1 z\n', 1, '(AUTH|SEC)-[0-9]+');
    assert.deepEqual(found.map((r) => [r.id, r.text, r.column]), [['SEC-2', 'x MUST', 5], ['AUTH-1', 'y', 3]]);
  });
});

// @sdd spec-model/MODEL-005
describe('findKeyword', () => {
  const table: Array<[string, string | null]> = [
    ['The system MUST log in.', 'MUST'],
    ['The system MUST NOT log passwords.', 'MUST NOT'],
    ['It SHOULD NOT retry.', 'SHOULD NOT'],
    ['It SHALL NOT retry.', 'SHALL NOT'],
    ['It SHOULD retry.', 'SHOULD'],
    ['It SHALL retry.', 'SHALL'],
    ['It MAY retry.', 'MAY'],
    ['Retries are OPTIONAL.', 'OPTIONAL'],
    ['Retries are REQUIRED.', 'REQUIRED'],
    ['Retries are NOT RECOMMENDED.', 'NOT RECOMMENDED'],
    ['Retries are RECOMMENDED.', 'RECOMMENDED'],
    ['It MAY retry but MUST log.', 'MAY'],
    ['It must retry.', null],
    ['MUSTARD and MAYBE are words.', null],
    ['No keyword here.', null],
  ];
  for (const [text, keyword] of table) {
    it(`${JSON.stringify(text)} → ${keyword}`, () => assert.equal(findKeyword(text), keyword));
  }

  it('is set on extracted requirements', () => {
    const [a, b, c] = extractRequirements('- REQ-1 It MUST NOT leak.\n- REQ-2 It SHOULD NOT block.\n- REQ-3 Nothing.\n');
    assert.equal(a.keyword, 'MUST NOT');
    assert.equal(b.keyword, 'SHOULD NOT');
    assert.equal(c.keyword, null);
  });
});
