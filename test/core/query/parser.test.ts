import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, type CompareOp, type QueryNode } from '../../../src/core/query/parser.js';

type Bare =
  | { type: 'and' | 'or'; children: Bare[] }
  | { type: 'not'; child: Bare }
  | { type: 'field'; field: string; op: CompareOp; value: string; quoted: boolean; prefix: boolean }
  | { type: 'text'; value: string; phrase: boolean; prefix: boolean };

/** The AST with every span removed, for comparing structure only. */
function bare(node: QueryNode): Bare {
  switch (node.type) {
    case 'and':
    case 'or':
      return { type: node.type, children: node.children.map(bare) };
    case 'not':
      return { type: 'not', child: bare(node.child) };
    case 'field': {
      const { field, op, value, quoted, prefix } = node;
      return { type: 'field', field, op, value, quoted, prefix };
    }
    case 'text': {
      const { value, phrase, prefix } = node;
      return { type: 'text', value, phrase, prefix };
    }
  }
}

const and = (...children: Bare[]): Bare => ({ type: 'and', children });
const or = (...children: Bare[]): Bare => ({ type: 'or', children });
const not = (child: Bare): Bare => ({ type: 'not', child });
const word = (value: string, prefix = false): Bare => ({ type: 'text', value, phrase: false, prefix });
const phrase = (value: string): Bare => ({ type: 'text', value, phrase: true, prefix: false });
const field = (name: string, op: CompareOp, value: string, opts: { quoted?: boolean; prefix?: boolean } = {}): Bare => ({
  type: 'field',
  field: name,
  op,
  value,
  quoted: opts.quoted ?? false,
  prefix: opts.prefix ?? false,
});

function table(cases: Array<[string, Bare]>): void {
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(bare(parseQuery(input)), expected));
  }
}

// @sdd query-language/QRY-001
describe('parseQuery: field terms and operators', () => {
  table([
    ['status:review', field('status', ':', 'review')],
    ['phase=2', field('phase', '=', '2')],
    ['phase>2', field('phase', '>', '2')],
    ['phase>=2', field('phase', '>=', '2')],
    ['phase<2', field('phase', '<', '2')],
    ['phase<=2', field('phase', '<=', '2')],
    ['depends_on:user-auth', field('depends_on', ':', 'user-auth')],
    ['updated_after:2024-01-01', field('updated_after', ':', '2024-01-01')],
    ['reviewer:bob@example.com', field('reviewer', ':', 'bob@example.com')],
    ['reviewer:@alice', field('reviewer', ':', '@alice')],
    ['requirement:REQ-001', field('requirement', ':', 'REQ-001')],
    ['url:http://x.org/a:b', field('url', ':', 'http://x.org/a:b')],
    ['_x9:y', field('_x9', ':', 'y')],
    ['target-release:v1.31', field('target-release', ':', 'v1.31')],
    ['ticket_id>=42', field('ticket_id', '>=', '42')],
    ['review.round:2', field('review.round', ':', '2')],
    ['größe:xl', field('größe', ':', 'xl')],
    ['"release date":"2024 Q3"', field('release date', ':', '2024 Q3', { quoted: true })],
    ['"a:b"=c', field('a:b', '=', 'c')],
    ['status:draft,review', or(field('status', ':', 'draft'), field('status', ':', 'review'))],
    ['tag:a*,b', or(field('tag', ':', 'a', { prefix: true }), field('tag', ':', 'b'))],
    ['title:"a,b"', field('title', ':', 'a,b', { quoted: true })],
    ['x=a,b', field('x', '=', 'a,b')],
    ['NOT:x', field('NOT', ':', 'x')],
    ['tag:AND', field('tag', ':', 'AND')],
    ['title:日本語', field('title', ':', '日本語')],
  ]);
});

describe('parseQuery: quoting and escapes', () => {
  table([
    ['title:"token refresh"', field('title', ':', 'token refresh', { quoted: true })],
    ['title:"say \\"hi\\""', field('title', ':', 'say "hi"', { quoted: true })],
    ['path:"C:\\\\dir"', field('path', ':', 'C:\\dir', { quoted: true })],
    ['note:"a\\nb"', field('note', ':', 'a\\nb', { quoted: true })],
    ['title:""', field('title', ':', '', { quoted: true })],
    ['title:"(a OR b)"', field('title', ':', '(a OR b)', { quoted: true })],
    ['"token refresh"', phrase('token refresh')],
    ['"a\\"b"', phrase('a"b')],
    ['"AND"', phrase('AND')],
    ['"status:review"', phrase('status:review')],
    ['foo"bar"', and(word('foo'), phrase('bar'))],
    ['"a"b', and(phrase('a'), word('b'))],
  ]);
});

// @sdd query-language/QRY-001
describe('parseQuery: prefix globs', () => {
  table([
    ['login*', word('login', true)],
    ['title:login*', field('title', ':', 'login', { prefix: true })],
    ['title:login**', field('title', ':', 'login*', { prefix: true })],
    ['title:"x*"', field('title', ':', 'x*', { quoted: true })],
    ['AND*', word('AND', true)],
    ['naïve*', word('naïve', true)],
    ['*', word('*')],
    ['tag:*', field('tag', ':', '*')],
    ['log*in', word('log*in')],
  ]);
});

describe('parseQuery: words, hyphens, lower-case keywords, unicode', () => {
  table([
    ['user-auth', word('user-auth')],
    ['a-b-c', word('a-b-c')],
    ['x-', word('x-')],
    ['-', word('-')],
    ['a - b', and(word('a'), word('-'), word('b'))],
    ['(a -)', and(word('a'), word('-'))],
    ['a-(b)', and(word('a-'), word('b'))],
    ['and', word('and')],
    ['a and b', and(word('a'), word('and'), word('b'))],
    ['a or b', and(word('a'), word('or'), word('b'))],
    ['not a', and(word('not'), word('a'))],
    ['And Or', and(word('And'), word('Or'))],
    ['constructor', word('constructor')],
    ['12:30', word('12:30')],
    ['bob@example.com', word('bob@example.com')],
    ['a!=b', word('a!=b')],
    ['héllo wörld', and(word('héllo'), word('wörld'))],
    ['título:café', field('título', ':', 'café')],
    ['日本語 😀', and(word('日本語'), word('😀'))],
    ['a\u00a0b', and(word('a'), word('b'))],
  ]);
});

// @sdd query-language/QRY-001
describe('parseQuery: negation', () => {
  table([
    ['-tag:legacy', not(field('tag', ':', 'legacy'))],
    ['-"old stuff"', not(phrase('old stuff'))],
    ['-(a b)', not(and(word('a'), word('b')))],
    ['--a', not(not(word('a')))],
    ['a -b', and(word('a'), not(word('b')))],
    ['NOT approved', not(word('approved'))],
    ['NOT NOT a', not(not(word('a')))],
    ['NOT -a', not(not(word('a')))],
  ]);
});

describe('parseQuery: precedence and grouping', () => {
  table([
    ['a OR b c', or(word('a'), and(word('b'), word('c')))],
    ['a b OR c', or(and(word('a'), word('b')), word('c'))],
    ['NOT a b', and(not(word('a')), word('b'))],
    ['NOT a OR b', or(not(word('a')), word('b'))],
    ['-a OR b', or(not(word('a')), word('b'))],
    ['a AND b OR c AND d', or(and(word('a'), word('b')), and(word('c'), word('d')))],
    ['a OR b OR c', or(word('a'), word('b'), word('c'))],
    ['a (b c) d', and(word('a'), word('b'), word('c'), word('d'))],
    ['(a OR b) OR (c OR d)', or(word('a'), word('b'), word('c'), word('d'))],
    ['((a))', word('a')],
    ['(a OR b) c', and(or(word('a'), word('b')), word('c'))],
    ['a (b OR (c d))', and(word('a'), or(word('b'), and(word('c'), word('d'))))],
    ['NOT (a OR b)', not(or(word('a'), word('b')))],
    ['status:review AND phase:2', and(field('status', ':', 'review'), field('phase', ':', '2'))],
    ['domain:auth "token refresh"', and(field('domain', ':', 'auth'), phrase('token refresh'))],
    ['phase>=2 OR tag:security', or(field('phase', '>=', '2'), field('tag', ':', 'security'))],
    ['reviewer:bob@example.com AND NOT approved', and(field('reviewer', ':', 'bob@example.com'), not(word('approved')))],
    [
      '(status:draft OR status:review) title:login*',
      and(or(field('status', ':', 'draft'), field('status', ':', 'review')), field('title', ':', 'login', { prefix: true })),
    ],
  ]);

  for (const [implicit, explicit] of [
    ['a b c', 'a AND b AND c'],
    ['a (b OR c)', 'a AND (b OR c)'],
    ['-a b', 'NOT a AND b'],
    ['x:1 "p q" r*', 'x:1 AND "p q" AND r*'],
    ['a b OR c d', '(a AND b) OR (c AND d)'],
  ]) {
    it(`${JSON.stringify(implicit)} equals ${JSON.stringify(explicit)} apart from spans`, () => {
      assert.deepEqual(bare(parseQuery(implicit)), bare(parseQuery(explicit)));
    });
  }
});

describe('parseQuery: spans', () => {
  const f = { fieldQuoted: false, quoted: false, prefix: false };
  const t = { phrase: false, prefix: false };
  const cases: Array<[string, QueryNode]> = [
    [
      'status:review AND phase>=2',
      {
        type: 'and',
        start: 0,
        end: 26,
        children: [
          { type: 'field', field: 'status', op: ':', value: 'review', ...f, start: 0, end: 13 },
          { type: 'field', field: 'phase', op: '>=', value: '2', ...f, start: 18, end: 26 },
        ],
      },
    ],
    [
      ' NOT  a ',
      { type: 'not', start: 1, end: 7, child: { type: 'text', value: 'a', ...t, start: 6, end: 7 } },
    ],
    [
      '-(a b)',
      {
        type: 'not',
        start: 0,
        end: 6,
        child: {
          type: 'and',
          start: 2,
          end: 5,
          children: [
            { type: 'text', value: 'a', ...t, start: 2, end: 3 },
            { type: 'text', value: 'b', ...t, start: 4, end: 5 },
          ],
        },
      },
    ],
    [
      '(a b) c',
      {
        type: 'and',
        start: 0,
        end: 7,
        children: [
          { type: 'text', value: 'a', ...t, start: 1, end: 2 },
          { type: 'text', value: 'b', ...t, start: 3, end: 4 },
          { type: 'text', value: 'c', ...t, start: 6, end: 7 },
        ],
      },
    ],
    [
      'x OR t:"a b"',
      {
        type: 'or',
        start: 0,
        end: 12,
        children: [
          { type: 'text', value: 'x', ...t, start: 0, end: 1 },
          { type: 'field', field: 't', fieldQuoted: false, op: ':', value: 'a b', quoted: true, prefix: false, start: 5, end: 12 },
        ],
      },
    ],
    [
      'login* "a\\"b"',
      {
        type: 'and',
        start: 0,
        end: 13,
        children: [
          { type: 'text', value: 'login', phrase: false, prefix: true, start: 0, end: 6 },
          { type: 'text', value: 'a"b', phrase: true, prefix: false, start: 7, end: 13 },
        ],
      },
    ],
    [
      '😀 b',
      {
        type: 'and',
        start: 0,
        end: 4,
        children: [
          { type: 'text', value: '😀', ...t, start: 0, end: 2 },
          { type: 'text', value: 'b', ...t, start: 3, end: 4 },
        ],
      },
    ],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(parseQuery(input), expected));
  }
});
