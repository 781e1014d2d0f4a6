import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SddError } from '../../../src/core/shared/errors.js';
import { formatQueryError, parseQuery, QuerySyntaxError } from '../../../src/core/query/parser.js';

function syntaxError(input: string): QuerySyntaxError {
  try {
    parseQuery(input);
  } catch (err) {
    assert.ok(err instanceof QuerySyntaxError, `expected QuerySyntaxError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseQuery: syntax errors', () => {
  const cases: Array<[input: string, message: string, offset: number, length: number]> = [
    ['', 'empty query', 0, 1],
    ['   ', 'empty query', 0, 3],
    ['(a', "unmatched '('", 0, 1],
    ['a (b (c)', "unmatched '('", 2, 1],
    ['(', "unmatched '('", 0, 1],
    ['a)', "unmatched ')'", 1, 1],
    ['(a))', "unmatched ')'", 3, 1],
    [') a', "unmatched ')'", 0, 1],
    ['()', 'empty parentheses', 0, 2],
    ['a ( ) b', 'empty parentheses', 2, 3],
    ['a AND', 'AND has no term after it', 2, 3],
    ['a OR', 'OR has no term after it', 2, 2],
    ['(a AND)', 'AND has no term after it', 3, 3],
    ['a OR )', 'OR has no term after it', 2, 2],
    ['OR b', 'OR has no term before it', 0, 2],
    ['AND b', 'AND has no term before it', 0, 3],
    ['(OR b)', 'OR has no term before it', 1, 2],
    ['NOT', 'NOT has no term after it', 0, 3],
    ['a NOT', 'NOT has no term after it', 2, 3],
    ['-(a) NOT', 'NOT has no term after it', 5, 3],
    ['a AND OR b', 'expected a term between AND and OR', 6, 2],
    ['AND OR', 'AND has no term before it', 0, 3],
    ['a OR AND b', 'expected a term between OR and AND', 5, 3],
    ['NOT OR a', 'expected a term between NOT and OR', 4, 2],
    ['-AND a', 'expected a term between - and AND', 1, 3],
    ['status:', "missing value after 'status:' (write the value right after the operator)", 7, 1],
    ['status: draft', "missing value after 'status:' (write the value right after the operator)", 7, 1],
    ['status:(a)', "missing value after 'status:' (write the value right after the operator)", 7, 1],
    ['x phase>= 2', "missing value after 'phase>=' (write the value right after the operator)", 9, 1],
    ['"abc', 'unterminated quoted string', 0, 1],
    ['title:"abc', 'unterminated quoted string', 6, 1],
    ['a "b\\"', 'unterminated quoted string', 2, 1],
    ['"a" "b', 'unterminated quoted string', 4, 1],
    [':foo', "missing field name before ':'", 0, 1],
    ['a >=2', "missing field name before '>='", 2, 2],
    ['-=b', "missing field name before '='", 1, 1],
    ['a=>b', "unexpected '>' after 'a=' (one operator per term; quote a value that starts with it)", 2, 1],
    ['a<>b', "unexpected '>' after 'a<' (one operator per term; quote a value that starts with it)", 2, 1],
    ['status::draft', "unexpected ':' after 'status:' (one operator per term; quote a value that starts with it)", 7, 1],
    ['phase>=<=2', "unexpected '<=' after 'phase>=' (one operator per term; quote a value that starts with it)", 7, 2],
    ['"":x', "empty field name before ':'", 0, 2],
    ['status:draft,', "empty value in the list after 'status:'", 13, 1],
    ['status:,draft', "empty value in the list after 'status:'", 7, 1],
  ];
  for (const [input, message, offset, length] of cases) {
    it(JSON.stringify(input), () => {
      const err = syntaxError(input);
      assert.deepEqual({ message: err.message, offset: err.offset, length: err.length }, { message, offset, length });
    });
  }

  it('is an SddError with a stable code', () => {
    const err = syntaxError('(');
    assert.ok(err instanceof SddError);
    assert.equal(err.code, 'query_syntax');
    assert.equal(err.name, 'QuerySyntaxError');
  });
});

// @sdd query-language/QRY-003
describe('formatQueryError', () => {
  it('prints the message, the query and a caret under the bad token', () => {
    const input = 'status:review AND (phase>=2';
    assert.equal(
      formatQueryError(input, syntaxError(input)),
      ["Query syntax error: unmatched '('", '  status:review AND (phase>=2', '                    ^'].join('\n'),
    );
  });

  it('underlines the whole offending operator', () => {
    const input = 'a AND OR b';
    assert.equal(
      formatQueryError(input, syntaxError(input)),
      'Query syntax error: expected a term between AND and OR\n  a AND OR b\n        ^^',
    );
  });

  it('puts the caret past the end for a missing value', () => {
    const input = 'status:';
    assert.equal(formatQueryError(input, syntaxError(input)).split('\n')[2], '         ^');
  });

  it('counts characters outside the BMP as one column and shows line breaks as spaces', () => {
    const input = '😀\tAND';
    assert.equal(formatQueryError(input, syntaxError(input)), 'Query syntax error: AND has no term after it\n  😀 AND\n    ^^^');
  });
});
