import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeLines, headings, proseLines } from '../../../src/core/spec/markdown.js';
import { extractRequirements } from '../../../src/core/spec/requirements.js';
import type { Spec } from '../../../src/core/spec/parse.js';

const spec = (body: string) => ({ body, bodyLine: 1 }) as Spec;

// Each case: the body's lines, and which of them are code (1) or prose (0).
const cases: Array<[name: string, lines: string[], code: string]> = [
  ['a fenced block, fences included', ['text', '```', 'REQ-1: x', '```', 'after'], '01110'],
  ['a tilde fence closed only by tildes', ['~~~', '```', '~~~', 'p'], '1110'],
  ['an unclosed fence runs to the end', ['```', 'a', 'b'], '111'],
  ['four spaces after a blank line', ['text', '', '    - REQ-1: code', '    more', 'prose'], '00110'],
  ['a tab after a blank line', ['', '\t- REQ-1: code'], '01'],
  ['four spaces at the start of the body', ['    code', 'prose'], '10'],
  ['four spaces under a heading', ['## H', '    code'], '01'],
  ['a blank line inside an indented block stays code', ['', '    a', '', '    b', 'p'], '01110'],
  ['four spaces continuing a paragraph are prose', ['para', '    still para'], '00'],
  ['indentation inside a list item is the item', ['- item', '', '    continued', '- REQ-2: next'], '0000'],
  ['a nested list item is not code', ['- a', '    - b'], '00'],
  ['a paragraph after a list ends it', ['- a', '', 'para', '', '    code'], '00001'],
  ['three spaces are not code', ['', '   text'], '00'],
];

describe('codeLines', () => {
  for (const [name, lines, expected] of cases) {
    it(name, () => assert.equal(codeLines(lines).map((c) => (c ? '1' : '0')).join(''), expected));
  }
});

describe('readers agree on what is code', () => {
  const body = ['# Title', '', 'Intro.', '', '    - REQ-2: an example, indented as code', '', '- REQ-1: The system MUST log in.', '', '```', '## Not a heading', '- REQ-3: in a fence', '```', '', '## Real heading', '- REQ-4: SHOULD work', '      with a continuation'].join('\n');

  it('requirements skip indented and fenced code', () => {
    assert.deepEqual(extractRequirements(body).map((r) => [r.id, r.text]), [['REQ-1', 'The system MUST log in.'], ['REQ-4', 'SHOULD work with a continuation']]);
  });

  it('headings and prose lines skip the same lines', () => {
    assert.deepEqual(headings(spec(body)).map((h) => h.text), ['Title', 'Real heading']);
    assert.deepEqual(proseLines(spec(body)).map((l) => l.line), [1, 2, 3, 4, 7, 8, 13, 14, 15, 16]);
  });

  it('a list item stops at code that follows it', () => {
    assert.deepEqual(extractRequirements(['- REQ-1: text', '  ```', '  code', '  ```'].join('\n')).map((r) => r.text), ['text']);
  });
});
