import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scanReferences, type CodeRef } from '../../../src/core/trace/tags.js';
import { DEFAULT_REQUIREMENT_ID_PATTERN } from '../../../src/core/spec/requirements.js';

const opts = (testFile = false) => ({ testFile, idPattern: DEFAULT_REQUIREMENT_ID_PATTERN });
type Short = [line: number, column: number, spec: string | null, requirement: string | null, pin: string | null, role: string, source?: string];
const short = (refs: CodeRef[]): Short[] => refs.map((r) => (r.source === 'tag' ? [r.line, r.column, r.spec, r.requirement, r.pin, r.role] : [r.line, r.column, r.spec, r.requirement, r.pin, r.role, r.source]));
// Written apart, so that sdd scanning its own tests does not take these fixtures for tags.
const T = '@' + 'sdd';

describe('scanReferences: tags in comments of any language', () => {
  const cases: Array<[name: string, text: string, want: Short[]]> = [
    ['a TypeScript line comment', `// ${T} login/REQ-001\nexport function login() {}\n`, [[1, 4, 'login', 'REQ-001', null, 'impl']]],
    ['a Python comment, indented', `def lock():\n    # ${T} login/REQ-002\n    pass\n`, [[2, 7, 'login', 'REQ-002', null, 'impl']]],
    ['a Go comment after code', `func X() { // ${T} billing/BIL-7\n}`, [[1, 15, 'billing', 'BIL-7', null, 'impl']]],
    ['an SQL comment', `-- ${T} reports/REQ-010\nSELECT 1;`, [[1, 4, 'reports', 'REQ-010', null, 'impl']]],
    ['a block comment, on its own line and in a JSDoc continuation', `/* ${T} a/REQ-1 */\n/**\n * ${T} b/REQ-2\n */`, [[1, 4, 'a', 'REQ-1', null, 'impl'], [3, 4, 'b', 'REQ-2', null, 'impl']]],
    ['an HTML comment', `<!-- ${T} page/REQ-3 -->`, [[1, 6, 'page', 'REQ-3', null, 'impl']]],
    ['comments that open a line: Lisp, INI, TeX, Erlang, VB', `; ${T} a/REQ-1\n% ${T} a/REQ-2\n' ${T} a/REQ-3`, [[1, 3, 'a', 'REQ-1', null, 'impl'], [2, 3, 'a', 'REQ-2', null, 'impl'], [3, 3, 'a', 'REQ-3', null, 'impl']]],
    ['a whole spec, no requirement', `# ${T} billing`, [[1, 3, 'billing', null, null, 'impl']]],
    ['a pin, lower-cased', `// ${T} login/REQ-001@3F9A1C2E`, [[1, 4, 'login', 'REQ-001', '3f9a1c2e', 'impl']]],
    ['role=test', `// ${T} login/REQ-001 role=test`, [[1, 4, 'login', 'REQ-001', null, 'test']]],
    ['several references after commas, then a role', `# ${T} a/REQ-1, a/REQ-2,b/REQ-3 role=test`, [[1, 3, 'a', 'REQ-1', null, 'test'], [1, 3, 'a', 'REQ-2', null, 'test'], [1, 3, 'b', 'REQ-3', null, 'test']]],
    ['prose after the reference ends the tag', `// ${T} login/REQ-001 handles the lockout too`, [[1, 4, 'login', 'REQ-001', null, 'impl']]],
    ['trailing punctuation', `// see ${T} login/REQ-001.`, [[1, 8, 'login', 'REQ-001', null, 'impl']]],
    ['two tags on one line', `// ${T} a/REQ-1 and ${T} b/REQ-2`, [[1, 4, 'a', 'REQ-1', null, 'impl'], [1, 21, 'b', 'REQ-2', null, 'impl']]],
    ['an unknown-looking requirement is kept (drift reports it orphaned)', `// ${T} login/req-one`, [[1, 4, 'login', 'req-one', null, 'impl']]],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(short(scanReferences('f', text, opts())), want));
  }

  const none: Array<[name: string, text: string]> = [
    ['not in a comment', `const tag = "${T} login/REQ-001";\nlet x = 1; ${T} login/REQ-001\ny = a % 2 ${T} login/REQ-001`],
    ['in backticks, as documentation writes it', `// write \`${T} login/REQ-001\` above the code`],
    ['glued to a word', `// foo${T} login/REQ-001`],
    ['no space after it', `// ${T}:login/REQ-001`],
    ['a placeholder, not an id', `// ${T} <spec-id>/<REQ-ID>`],
    ['an escaped newline inside a string literal', `x = '// ${T} login/REQ-001\\n'`],
    ['nothing after it', `// ${T}`],
  ];
  for (const [name, text] of none) {
    it(`ignores: ${name}`, () => assert.deepEqual(short(scanReferences('f', text, opts())), []));
  }

  it('tags in a test file are tests unless they say role=impl', () => {
    const text = `// ${T} login/REQ-001\n// ${T} login/REQ-002 role=impl\n`;
    assert.deepEqual(short(scanReferences('t.test.ts', text, opts(true))), [[1, 4, 'login', 'REQ-001', null, 'test'], [2, 4, 'login', 'REQ-002', null, 'impl']]);
  });

  it('keeps the file of every reference', () => {
    assert.deepEqual(scanReferences('src/a.ts', `// ${T} x`, opts()).map((r) => r.file), ['src/a.ts']);
  });
});

describe('scanReferences: test names', () => {
  it('reads requirement ids in test names, in test files only', () => {
    const text = [
      "it('REQ-001 logs a user in', () => {});",
      'test("login/REQ-002 locks the account", async () => {});',
      "describe.skip(`REQ-003 and REQ-004`, () => {});",
      't.Run("REQ-005 rejects", func(t *testing.T) {})',
      "it('handles nothing special', () => {});",
    ].join('\n');
    assert.deepEqual(short(scanReferences('a.test.ts', text, opts(true))), [
      [1, 5, null, 'REQ-001', null, 'test', 'test-name'],
      [2, 7, 'login', 'REQ-002', null, 'test', 'test-name'],
      [3, 16, null, 'REQ-003', null, 'test', 'test-name'],
      [3, 28, null, 'REQ-004', null, 'test', 'test-name'],
      [4, 8, null, 'REQ-005', null, 'test', 'test-name'],
    ]);
    assert.deepEqual(scanReferences('a.ts', text, opts(false)), []);
  });

  it('does not take part of a longer token for an id', () => {
    assert.deepEqual(scanReferences('a.test.ts', "it('xREQ-0011 and REQ-0012b', () => {})", opts(true)).map((r) => r.requirement), []);
  });

  it('follows the configured id pattern', () => {
    const refs = scanReferences('a.test.ts', "it('AUTH_7 works', () => {})", { testFile: true, idPattern: 'AUTH_[0-9]+' });
    assert.deepEqual(refs.map((r) => r.requirement), ['AUTH_7']);
  });

  it('counts a tag and a test name for the same requirement on one line once each', () => {
    const refs = scanReferences('a.test.ts', `it('REQ-001 works', () => {}); // ${T} login/REQ-001`, opts(true));
    assert.deepEqual(refs.map((r) => [r.spec, r.requirement, r.source]), [['login', 'REQ-001', 'tag'], [null, 'REQ-001', 'test-name']]);
  });
});
