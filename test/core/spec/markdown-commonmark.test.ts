import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { codeLines } from '../../../src/core/spec/markdown.js';
import { extractRequirements } from '../../../src/core/spec/requirements.js';

const md = new MarkdownIt('commonmark');

/** What CommonMark calls code: the lines of every fence and indented code block, by markdown-it. */
function oracle(lines: string[]): boolean[] {
  const code = lines.map(() => false);
  for (const token of md.parse(lines.join('\n'), {})) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) {
      for (let i = token.map[0]; i < token.map[1] && i < lines.length; i++) code[i] = true;
    }
  }
  return code;
}

let req = 0;
const id = () => `REQ-${String(++req).padStart(3, '0')}`;
const pad = (n: number) => ' '.repeat(n);

/** Building blocks of real spec bodies, each a few lines; every one may carry a requirement id. */
const block: fc.Arbitrary<() => string[]> = fc.oneof(
  fc.constant(() => [`The service MUST do ${id()} things.`, 'It goes on here.']),
  fc.constant(() => [`## ${id()} A heading requirement`]),
  fc.constant(() => ['## Requirements']),
  fc.constant(() => ['']),
  fc.constant(() => ['...']),
  fc.record({ indent: fc.integer({ min: 0, max: 3 }), marker: fc.constantFrom('```', '~~~', '````'), info: fc.constantFrom('', 'yaml', 'ts') }).map(({ indent, marker, info }) =>
    () => [`${pad(indent)}${marker}${info}`, `- ${id()} inside a fence`, '    indented in a fence', '...', `${pad(indent)}${marker}`]),
  fc.constant(() => ['', `    - ${id()} indented code`, '    ...', '']),
  fc.constant(() => ['', `\t- ${id()} a tab`, '']),
  fc.record({ marker: fc.constantFrom('- ', '* ', '1. ', '2) ', '-   ') }).map(({ marker }) => () => [`${marker}**${id()}** The system SHOULD work.`]),
  fc.record({ marker: fc.constantFrom('- ', '1. ', '10. '), extra: fc.integer({ min: 0, max: 3 }), fenceMarker: fc.constantFrom('```', '~~~') }).map(({ marker, extra, fenceMarker }) => () => {
    const w = marker.length;
    return [`${marker}**${id()}** An item with a fence.`, '', `${pad(w + extra)}${fenceMarker}`, `${pad(w + extra)}- ${id()} fenced in the item`, `${pad(w)}...`, `${pad(w + extra)}${fenceMarker}`];
  }),
  fc.record({ marker: fc.constantFrom('- ', '1. ') }).map(({ marker }) => () => {
    const w = marker.length;
    return [`${marker}An item with code.`, '', `${pad(w + 4)}- ${id()} indented code in the item`, '', `${pad(w)}Back in the item ${id()}.`];
  }),
  fc.constant(() => ['- a', '  - nested', `    - ${id()} deeper`, '      continued']),
  fc.constant(() => ['Para', `    - ${id()} continuing the paragraph`]),
);

const documents = fc.array(block, { minLength: 1, maxLength: 12 }).map((blocks) => blocks.flatMap((b) => b()));

// @sdd spec-model/MODEL-001
describe('the markdown scanner agrees with CommonMark (markdown-it) on what is code', () => {
  it('on generated documents, line by line (blank lines aside)', () => {
    fc.assert(fc.property(documents, (lines) => {
      const ours = codeLines(lines);
      const theirs = oracle(lines);
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        assert.equal(ours[i], theirs[i], `line ${i + 1} ${JSON.stringify(line)} of\n${lines.join('\n')}`);
      });
    }), { numRuns: 400 });
  });

  it('requirement extraction takes no id from what CommonMark calls code', () => {
    fc.assert(fc.property(documents, (lines) => {
      const code = oracle(lines);
      for (const r of extractRequirements(lines.join('\n'), 1)) {
        assert.equal(code[r.line - 1], false, `${r.id} at line ${r.line} is code:\n${lines.join('\n')}`);
      }
    }), { numRuns: 400 });
  });
});
