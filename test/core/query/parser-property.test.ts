import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseQuery, QuerySyntaxError, type QueryNode } from '../../../src/core/query/parser.js';

const MAX_LENGTH = 200;

/** Fragments that exercise every branch of the lexer, concatenated in any order. */
const grammarPiece = fc.constantFrom(
  '(', ')', ':', '"', '-', '*', '<', '>', '=', '!', '\\', ' ', '  ', '\t', '\n',
  'AND', 'OR', 'NOT', 'and', 'a', 'status', 'x_1', '2', 'é', '日本', '😀', '\u00a0', '\ud800',
);
const grammarSoup = fc
  .array(grammarPiece, { maxLength: 80 })
  .map((parts) => parts.join('').slice(0, MAX_LENGTH));

function assertParsesOrReportsSyntaxError(input: string): void {
  let result: QueryNode;
  try {
    result = parseQuery(input);
  } catch (err) {
    assert.ok(err instanceof QuerySyntaxError, `unexpected ${String(err)} for ${JSON.stringify(input)}`);
    assert.ok(err.offset >= 0 && err.offset <= input.length, `offset ${err.offset} outside ${JSON.stringify(input)}`);
    assert.ok(Number.isInteger(err.length) && err.length >= 1);
    return;
  }
  assertSpansNest(result, input, { start: 0, end: input.length });
}

/** Every node lies inside its parent (the root inside the input) and is non-empty. */
function assertSpansNest(node: QueryNode, input: string, outer: { start: number; end: number }): void {
  assert.ok(outer.start <= node.start && node.start < node.end && node.end <= outer.end, `bad span in ${JSON.stringify(input)}`);
  if (node.type === 'and' || node.type === 'or') {
    assert.ok(node.children.length >= 2);
    for (const child of node.children) {
      assert.notEqual(child.type, node.type, 'same-kind children are flattened');
      assertSpansNest(child, input, node);
    }
  } else if (node.type === 'not') {
    assertSpansNest(node.child, input, node);
  }
}

function leaves(node: QueryNode): QueryNode[] {
  if (node.type === 'and' || node.type === 'or') return node.children.flatMap(leaves);
  if (node.type === 'not') return leaves(node.child);
  return [node];
}

const quote = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Valid queries built from the grammar, so parsing must succeed. */
const validQuery = fc.letrec<{ query: string }>((tie) => {
  const word = fc.stringMatching(/^[a-zé日][a-z0-9é日@.\-]{0,6}\*?$/);
  const phrase = fc.string({ maxLength: 8 }).map(quote);
  // Front-matter keys (built-in fields check their values, which a generator cannot know).
  const name = fc.stringMatching(/^x[A-Za-z0-9_.\-]{0,6}$/);
  const value = fc.oneof(fc.stringMatching(/^[a-z0-9@.\-][a-z0-9@.:\-]{0,5}\*?$/), phrase);
  const matchTerm = fc.tuple(name, fc.constantFrom(':', '='), value).map(([n, o, v]) => `${n}${o}${v}`);
  // Comparisons need a number or an ISO date.
  const compareTerm = fc.tuple(name, fc.constantFrom('>', '>=', '<', '<='), fc.oneof(fc.integer({ min: -99, max: 999 }).map(String), fc.constant('2024-02-29')))
    .map(([n, o, v]) => `${n}${o}${v}`);
  const fieldTerm = fc.oneof(matchTerm, compareTerm);
  const sub = tie('query');
  return {
    query: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      word,
      phrase,
      fieldTerm,
      fc.tuple(sub, sub).map(([a, b]) => `${a} ${b}`),
      fc.tuple(sub, sub).map(([a, b]) => `${a} AND ${b}`),
      fc.tuple(sub, sub).map(([a, b]) => `${a} OR ${b}`),
      sub.map((a) => `NOT ${a}`),
      sub.map((a) => `-${a}`),
      sub.map((a) => `(${a})`),
    ),
  };
}).query;

describe('parseQuery properties', () => {
  it('returns an AST or a QuerySyntaxError for strings of grammar characters', () => {
    fc.assert(fc.property(grammarSoup, assertParsesOrReportsSyntaxError), { numRuns: 3000 });
  });

  it('returns an AST or a QuerySyntaxError for arbitrary Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: MAX_LENGTH }), assertParsesOrReportsSyntaxError),
      { numRuns: 2000 },
    );
  });

  it('parses generated valid queries with every span inside the input', () => {
    fc.assert(
      fc.property(validQuery, (input) => {
        fc.pre(input.length <= MAX_LENGTH);
        assertSpansNest(parseQuery(input), input, { start: 0, end: input.length });
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each term a span whose text parses back to the same term', () => {
    fc.assert(
      fc.property(validQuery, (input) => {
        fc.pre(input.length <= MAX_LENGTH);
        for (const leaf of leaves(parseQuery(input))) {
          const reparsed = parseQuery(input.slice(leaf.start, leaf.end));
          assert.deepEqual({ ...reparsed, start: leaf.start, end: leaf.end }, leaf);
          assert.deepEqual([reparsed.start, reparsed.end], [0, leaf.end - leaf.start]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
