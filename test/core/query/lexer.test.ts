import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from '../../../src/core/query/lexer.js';

// @sdd query-language/QRY-001
describe('tokenize', () => {
  it('lexes keywords, parentheses, negation and terms with offsets', () => {
    const tokens = tokenize('NOT (a:b* OR -"c d") x-y');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.text, t.start, t.end]),
      [
        ['not', 'NOT', 0, 3],
        ['lparen', '(', 4, 5],
        ['field', 'a:b*', 5, 9],
        ['or', 'OR', 10, 12],
        ['minus', '-', 13, 14],
        ['text', '"c d"', 14, 19],
        ['rparen', ')', 19, 20],
        ['text', 'x-y', 21, 24],
        ['eof', '', 24, 24],
      ],
    );
  });

  it('keeps the decoded value apart from the source text', () => {
    const [fieldToken, phraseToken] = tokenize('t:"a\\"b" "x\\\\y"');
    assert.deepEqual(fieldToken, {
      kind: 'field', field: 't', fieldQuoted: false, op: ':', value: 'a"b', quoted: true, prefix: false, text: 't:"a\\"b"', start: 0, end: 8,
    });
    assert.deepEqual(phraseToken, { kind: 'text', value: 'x\\y', phrase: true, prefix: false, text: '"x\\\\y"', start: 9, end: 15 });
  });

  it('prefers the two-character operators', () => {
    const ops = tokenize('a>=1 b<=2 c>3 d<4 e=5 f:6').flatMap((t) => (t.kind === 'field' ? [t.op] : []));
    assert.deepEqual(ops, ['>=', '<=', '>', '<', '=', ':']);
  });

  it('ends with eof at the input length even for blank input', () => {
    assert.deepEqual(tokenize(' \t'), [{ kind: 'eof', text: '', start: 2, end: 2 }]);
  });
});
