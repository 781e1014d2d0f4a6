import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchema } from '../../../src/core/shared/schema.js';
import { validateSpecs } from '../../../src/core/check/validate.js';
import { loadSpecs } from '../../../src/core/spec/load.js';
import { projectPaths } from '../../../src/core/project/paths.js';
import { defaultConfig } from '../../../src/core/project/config.js';
import type { Finding } from '../../../src/core/check/findings.js';
import { makeTempDir, writeSpec } from '../../helpers/cli.js';

/** Writes one spec into a fresh project and returns the spec-schema and spec-syntax findings. */
function findingsFor(file: string, text: string | Buffer): Finding[] {
  const root = makeTempDir();
  writeSpec(root, file, text as string);
  const paths = projectPaths(root);
  return validateSpecs(root, loadSpecs(paths, defaultConfig())).filter((f) => f.ruleId === 'spec-schema' || f.ruleId === 'spec-syntax');
}

/** The one finding whose message matches `re`. */
function only(findings: Finding[], re: RegExp): Finding {
  const hits = findings.filter((f) => re.test(f.message));
  assert.equal(hits.length, 1, `expected one finding matching ${re}, got:\n${findings.map((f) => `${f.line}:${f.column} ${f.message}`).join('\n')}`);
  return hits[0];
}

const VALID = { id: 'user-login', title: 'User login', status: 'draft' };

describe('checkSchema (spec)', () => {
  it('accepts a minimal spec and every documented field', () => {
    assert.deepEqual(checkSchema('spec', VALID), []);
    assert.deepEqual(checkSchema('spec', {
      ...VALID, kind: 'adr', phase: 2, domain: 'auth', owner: 'a@b.c', tags: ['x'], depends_on: ['a-b'], reviewers: ['r@b.c'],
      code: ['src/**'], created: '2024-05-17', updated: '2024-05-18T10:00:00Z', constitution_version: '1.0.0', custom_key: { any: 'thing' },
    }), []);
    assert.deepEqual(checkSchema('spec', { ...VALID, phase: 'beta' }), []);
  });

  const table: Array<[string, Record<string, unknown>, RegExp]> = [
    ['unknown status', { ...VALID, status: 'done' }, /^`status` is "done", which is not one of: draft, review, approved, implemented, deprecated$/],
    ['id not a slug', { ...VALID, id: 'User_Login' }, /^`id` is "User_Login", which is not a slug/],
    ['id with a double hyphen', { ...VALID, id: 'a--b' }, /not a slug/],
    ['tags not a list', { ...VALID, tags: 'security' }, /^`tags` must be a list, not a string \("security"\)$/],
    ['missing title', { id: 'a', status: 'draft' }, /^Missing required field `title`$/],
    ['empty title', { ...VALID, title: '' }, /^`title` must not be empty$/],
    ['title not a string', { ...VALID, title: 42 }, /^`title` must be a string, not a number \(42\)$/],
    ['depends_on item not a slug', { ...VALID, depends_on: ['ok', 'Not OK'] }, /^`depends_on\[1\]` is "Not OK", which is not a slug/],
    ['depends_on repeated', { ...VALID, depends_on: ['a', 'a'] }, /^`depends_on` lists the same value twice$/],
    ['created not a date', { ...VALID, created: 'yesterday' }, /^`created` is "yesterday", which does not match/],
    ['requirement without text', { ...VALID, requirements: [{ id: 'R-1' }] }, /^Missing required field `requirements\[0\]\.text`$/],
    ['negative phase', { ...VALID, phase: -1 }, /phase/],
  ];
  for (const [what, data, message] of table) {
    it(`explains ${what}`, () => {
      const issues = checkSchema('spec', data);
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.match(issues[0].message, message);
    });
  }

  it('rejects a document that is not a mapping', () => {
    assert.ok(checkSchema('spec', ['a']).length > 0);
  });
});

describe('checkSchema (config)', () => {
  it('accepts the documented config and rejects unknown keys and versions', () => {
    assert.deepEqual(checkSchema('config', { version: 1, project: { name: 'x' }, requirements: { id_pattern: 'R-[0-9]+' }, cache: { path: 'x.db' } }), []);
    assert.match(checkSchema('config', { version: 1, bogus: true })[0].message, /Unknown key `bogus`/);
    assert.ok(checkSchema('config', { version: 2 }).length > 0);
  });
});

// @sdd validation/VAL-002
describe('schema findings in validateSpecs: markdown positions', () => {
  const SPEC = [
    '---', //                                   1
    'id: User_Login', //                        2
    'title: User login', //                     3
    'status: done', //                          4
    'tags: security', //                        5
    'depends_on: [accounts, Sessions]', //      6
    'created: yesterday', //                    7
    '---', //                                   8
    '# User login', //                          9
  ].join('\n');
  const findings = findingsFor('user-login.md', SPEC);

  it('points at the offending key with line and column', () => {
    assert.deepEqual(pos(only(findings, /^`id`/)), [2, 1]);
    assert.deepEqual(pos(only(findings, /^`status`/)), [4, 1]);
    assert.deepEqual(pos(only(findings, /^`tags`/)), [5, 1]);
    assert.deepEqual(pos(only(findings, /^`created`/)), [7, 1]);
  });

  it('points at the offending list item, column included', () => {
    // "depends_on: [accounts, Sessions]": Sessions starts in column 24.
    assert.deepEqual(pos(only(findings, /^`depends_on\[1\]`/)), [6, 24]);
  });

  it('reports schema findings as errors with the spec id and file', () => {
    for (const f of findings) {
      assert.equal(f.ruleId, 'spec-schema');
      assert.equal(f.severity, 'error');
      assert.equal(f.file, '.sdd/specs/user-login.md');
      assert.equal(f.specId, 'User_Login');
      assert.ok(f.fix);
    }
    assert.equal(findings.length, 5, findings.map((f) => f.message).join('\n'));
  });

  it('reports a missing title at the first line of the front matter', () => {
    const f = only(findingsFor('a.md', '---\nid: a\nstatus: draft\n---\nbody\n'), /Missing required field `title`/);
    assert.deepEqual(pos(f), [2, 1]);
  });

  it('keeps positions right with a comment above the keys, CRLF endings and a BOM', () => {
    const text = '\uFEFF---\r\n# owner: team\r\nid: a\r\ntitle: A\r\nstatus: Draft\r\n---\r\nbody\r\n';
    assert.deepEqual(pos(only(findingsFor('a.md', text), /^`status`/)), [5, 1]);
  });

  it('is not confused by a horizontal rule in the body', () => {
    const text = '---\nid: a\ntitle: A\nstatus: draft\nkind: Plan\n---\n\n---\n\nkind: also-in-body\n';
    assert.deepEqual(pos(only(findingsFor('a.md', text), /^`kind`/)), [5, 1]);
  });
});

// @sdd validation/VAL-002
describe('schema findings in validateSpecs: YAML positions', () => {
  const SPEC = [
    'id: token-refresh', //                     1
    'title: Token refresh', //                  2
    'status: draft', //                         3
    'requirements:', //                         4
    '  - id: TOK-1', //                         5
    '    text: 42', //                          6
    '  - id: TOK-2', //                         7
    'reviewers: [a@b.c, a@b.c]', //             8
    'phase: -1', //                             9
  ].join('\n');
  const findings = findingsFor('token-refresh.yaml', SPEC);

  it('points at a nested key', () => {
    assert.deepEqual(pos(only(findings, /^`requirements\[0\]\.text`/)), [6, 5]);
  });

  it('points at the list item missing a required key', () => {
    assert.deepEqual(pos(only(findings, /requirements\[1\]\.text/)), [7, 5]);
  });

  it('points at top-level keys', () => {
    assert.deepEqual(pos(only(findings, /^`reviewers`/)), [8, 1]);
    assert.deepEqual(pos(only(findings, /^`phase`/)), [9, 1]);
  });

  it('keeps positions right in a YAML file with a BOM', () => {
    assert.deepEqual(pos(only(findingsFor('a.yaml', '\uFEFFid: a\ntitle: A\nstatus: Draft\n'), /^`status`/)), [3, 1]);
  });
});

// @sdd validation/VAL-001
describe('malformed YAML in validateSpecs', () => {
  it('reports a spec-syntax error at the file line in a YAML spec', () => {
    const f = only(findingsFor('a.yaml', 'id: a\ntitle: A\nstatus: draft\nowner: : x\n'), /Malformed YAML/);
    assert.equal(f.ruleId, 'spec-syntax');
    assert.equal(f.line, 4);
  });

  it('reports a spec-syntax error at the file line in markdown front matter', () => {
    const f = only(findingsFor('a.md', '---\nid: a\ntitle: A\nstatus: draft\nowner: : x\n---\nbody\n'), /Malformed YAML/);
    assert.equal(f.ruleId, 'spec-syntax');
    assert.equal(f.file, '.sdd/specs/a.md');
    assert.equal(f.line, 5, `got ${f.line}:${f.column}; "owner: : x" is on line 5`);
  });
});

function pos(f: Finding): [number, number | undefined] {
  return [f.line, f.column];
}
