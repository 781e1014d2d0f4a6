import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec, type ParseResult, type Spec } from '../../../src/core/spec/parse.js';

function ok(result: ParseResult): Spec {
  if (!result.ok) assert.fail(`expected a spec, got ${result.problem.code}: ${result.problem.message} at ${result.problem.line}`);
  return result.spec;
}

function problem(result: ParseResult) {
  if (result.ok) assert.fail(`expected a parse problem, got spec ${result.spec.id}`);
  return result.problem;
}

const MARKDOWN = [
  '---', //                                   1
  'id: user-login', //                        2
  'title: User login', //                     3
  'status: review', //                        4
  'kind: spec', //                            5
  'phase: 2', //                              6
  'domain: auth', //                          7
  'owner: ada@example.test', //               8
  'tags: [security, ux]', //                  9
  'depends_on: [accounts, sessions]', //     10
  'reviewers: [bob@example.test]', //        11
  'code: ["src/auth/**/*.ts"]', //           12
  'created: 2024-05-17', //                  13
  'updated: 2024-06-01T10:00:00Z', //        14
  'jira: AUTH-42', //                        15
  'risk: {level: high, score: 3}', //        16
  '---', //                                  17
  '# User login', //                         18
  '', //                                     19
  '- **REQ-001** The system MUST let a user sign in.', // 20
].join('\n');

// @sdd spec-model/MODEL-002
describe('parseSpec: markdown', () => {
  it('reads every known front-matter field', () => {
    const s = ok(parseSpec('.sdd/specs/user-login.md', MARKDOWN));
    assert.equal(s.format, 'markdown');
    assert.equal(s.file, '.sdd/specs/user-login.md');
    assert.equal(s.id, 'user-login');
    assert.equal(s.title, 'User login');
    assert.equal(s.status, 'review');
    assert.equal(s.kind, 'spec');
    assert.equal(s.phase, 2);
    assert.equal(s.domain, 'auth');
    assert.equal(s.owner, 'ada@example.test');
    assert.deepEqual(s.tags, ['security', 'ux']);
    assert.deepEqual(s.dependsOn, ['accounts', 'sessions']);
    assert.deepEqual(s.reviewers, ['bob@example.test']);
    assert.deepEqual(s.code, ['src/auth/**/*.ts']);
  });

  // @sdd spec-model/MODEL-003
  it('keeps unknown keys, and only those, in extra', () => {
    const s = ok(parseSpec('a.md', MARKDOWN));
    assert.deepEqual(s.extra, { jira: 'AUTH-42', risk: { level: 'high', score: 3 } });
  });

  // @sdd spec-model/MODEL-004
  it('keeps YAML dates and timestamps as strings, never Date objects', () => {
    const s = ok(parseSpec('a.md', MARKDOWN));
    assert.equal(s.created, '2024-05-17');
    assert.equal(s.updated, '2024-06-01T10:00:00Z');
    assert.equal(typeof s.data.created, 'string');
    assert.equal(typeof s.data.updated, 'string');
    const dated = ok(parseSpec('b.md', '---\nid: b\ntitle: B\nstatus: draft\nreleased: 2025-01-02\n---\n'));
    assert.equal(dated.extra.released, '2025-01-02');
  });

  it('returns the body after the front matter and the file line it starts on', () => {
    const s = ok(parseSpec('a.md', MARKDOWN));
    assert.ok(s.body.startsWith('# User login\n'), JSON.stringify(s.body));
    assert.equal(s.bodyLine, 18);
    assert.equal(s.requirements[0].line, 20);
  });

  it('counts a blank first body line in bodyLine', () => {
    const s = ok(parseSpec('a.md', '---\nid: a\ntitle: A\nstatus: draft\n---\n\n\n- REQ-7 It MUST x.\n'));
    assert.equal(s.bodyLine, 6);
    assert.equal(s.requirements[0].line, 8);
  });

  it('defaults kind to spec and optional fields to null or empty', () => {
    const s = ok(parseSpec('a.md', '---\nid: a\ntitle: A\nstatus: draft\n---\nbody\n'));
    assert.equal(s.kind, 'spec');
    assert.equal(s.phase, null);
    assert.equal(s.domain, null);
    assert.equal(s.owner, null);
    assert.equal(s.created, null);
    assert.deepEqual(s.tags, []);
    assert.deepEqual(s.dependsOn, []);
    assert.deepEqual(s.extra, {});
  });

  // @sdd spec-model/MODEL-007
  it('gives two specs with identical text distinct data objects', () => {
    const text = '---\nid: twin\ntitle: Twin\nstatus: draft\ntags: [a]\n---\nSame body\n';
    const first = ok(parseSpec('.sdd/specs/one.md', text));
    const second = ok(parseSpec('.sdd/specs/two.md', text));
    assert.notEqual(first.data, second.data);
    first.data.title = 'Mutated';
    (first.data.tags as string[]).push('b');
    assert.equal(second.data.title, 'Twin');
    assert.deepEqual(second.data.tags, ['a']);
    const third = ok(parseSpec('.sdd/specs/three.md', text));
    assert.equal(third.data.title, 'Twin');
    assert.equal(second.file, '.sdd/specs/two.md');
  });

  it('strips a UTF-8 byte order mark without shifting lines', () => {
    const plain = ok(parseSpec('a.md', MARKDOWN));
    const bom = ok(parseSpec('a.md', '\uFEFF' + MARKDOWN));
    assert.equal(bom.id, 'user-login');
    assert.equal(bom.bodyLine, plain.bodyLine);
    assert.deepEqual(bom.requirements, plain.requirements);
    assert.equal(bom.contentHash, plain.contentHash);
  });

  it('reads CRLF files like LF files', () => {
    const lf = ok(parseSpec('a.md', MARKDOWN));
    const crlf = ok(parseSpec('a.md', MARKDOWN.replace(/\n/g, '\r\n')));
    assert.equal(crlf.id, 'user-login');
    assert.equal(crlf.title, 'User login');
    assert.deepEqual(crlf.dependsOn, lf.dependsOn);
    assert.equal(crlf.bodyLine, lf.bodyLine);
    assert.deepEqual(crlf.requirements, lf.requirements);
    assert.equal(crlf.contentHash, lf.contentHash);
  });

  it('reports a file without front matter', () => {
    const p = problem(parseSpec('.sdd/specs/notes.md', '# Just notes\n'));
    assert.equal(p.code, 'front-matter-missing');
    assert.equal(p.file, '.sdd/specs/notes.md');
    assert.equal(p.line, 1);
    assert.ok(p.fix.length > 0);
  });

  it('reports front matter that is not a mapping', () => {
    const p = problem(parseSpec('a.md', '---\n- just\n- a list\n---\nbody\n'));
    assert.equal(p.code, 'not-a-mapping');
  });

  it('reports malformed front-matter YAML at the file line of the bad key', () => {
    const text = ['---', 'id: a', 'title: A', 'status: draft', 'owner: : x', '---', 'body'].join('\n');
    const p = problem(parseSpec('.sdd/specs/a.md', text));
    assert.equal(p.code, 'yaml-syntax');
    assert.equal(p.file, '.sdd/specs/a.md');
    assert.equal(p.line, 5, `reported ${p.line}:${p.column}; "owner: : x" is on file line 5`);
    assert.match(p.message, /YAML/);
  });

  it('reports malformed YAML on the first front-matter line as file line 2', () => {
    const p = problem(parseSpec('a.md', '---\nid: : a\ntitle: A\n---\n'));
    assert.equal(p.line, 2);
  });
});

const YAML_SPEC = [
  'id: token-refresh', //                        1
  'title: Token refresh', //                     2
  'status: draft', //                            3
  'created: 2024-05-17', //                      4
  'x-team: platform', //                         5
  'requirements:', //                            6
  '  - id: TOK-1', //                            7
  '    text: The service MUST rotate tokens.', // 8
  '  - id: TOK-2', //                            9
  '    text: Clients SHOULD NOT cache them.', // 10
  'body: |', //                                 11
  '  # Token refresh', //                       12
  '', //                                        13
  '  - **TOK-3** Refresh MAY be silent.', //    14
  '',
].join('\n');

// @sdd spec-model/MODEL-002
describe('parseSpec: YAML', () => {
  it('reads a .yaml spec as a YAML document with requirements and body', () => {
    const s = ok(parseSpec('.sdd/specs/token-refresh.yaml', YAML_SPEC));
    assert.equal(s.format, 'yaml');
    assert.equal(s.id, 'token-refresh');
    assert.equal(s.title, 'Token refresh');
    assert.equal(s.body, '# Token refresh\n\n- **TOK-3** Refresh MAY be silent.\n');
    assert.equal(s.bodyLine, 12);
  });

  it('also accepts the .yml extension', () => {
    const s = ok(parseSpec('a.yml', 'id: a\ntitle: A\nstatus: draft\n'));
    assert.equal(s.format, 'yaml');
    assert.equal(s.id, 'a');
  });

  it('turns requirements: [{id, text}] into requirements with lines and keywords', () => {
    const s = ok(parseSpec('a.yaml', YAML_SPEC));
    const byId = new Map(s.requirements.map((r) => [r.id, r]));
    assert.deepEqual([...byId.keys()].sort(), ['TOK-1', 'TOK-2', 'TOK-3']);
    assert.equal(byId.get('TOK-1')!.text, 'The service MUST rotate tokens.');
    assert.equal(byId.get('TOK-1')!.keyword, 'MUST');
    assert.equal(byId.get('TOK-1')!.line, 7);
    assert.equal(byId.get('TOK-2')!.keyword, 'SHOULD NOT');
    assert.equal(byId.get('TOK-2')!.line, 9);
    assert.equal(byId.get('TOK-3')!.keyword, 'MAY');
    assert.equal(byId.get('TOK-3')!.line, 14);
  });

  it('gives a repeated requirement id in a YAML list its own line', () => {
    const text = 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: One.\n  - id: R-1\n    text: Two.\n';
    const s = ok(parseSpec('a.yaml', text));
    assert.deepEqual(s.requirements.map((r) => [r.id, r.line]), [['R-1', 5], ['R-1', 7]]);
  });

  it('keeps unknown keys in extra and dates as strings', () => {
    const s = ok(parseSpec('a.yaml', YAML_SPEC));
    assert.deepEqual(s.extra, { 'x-team': 'platform' });
    assert.equal(s.created, '2024-05-17');
    assert.equal(typeof s.data.created, 'string');
    assert.ok(!('requirements' in s.extra) && !('body' in s.extra));
  });

  it('reports malformed YAML at the right file line', () => {
    const p = problem(parseSpec('.sdd/specs/a.yaml', 'id: a\ntitle: A\nstatus: draft\nowner: : x\n'));
    assert.equal(p.code, 'yaml-syntax');
    assert.equal(p.line, 4);
  });

  it('reports a YAML document that is not a mapping', () => {
    assert.equal(problem(parseSpec('a.yaml', '- a\n- b\n')).code, 'not-a-mapping');
    assert.equal(problem(parseSpec('a.yaml', '')).code, 'not-a-mapping');
  });

  it('reads CRLF and BOM YAML specs', () => {
    const lf = ok(parseSpec('a.yaml', YAML_SPEC));
    const crlf = ok(parseSpec('a.yaml', '\uFEFF' + YAML_SPEC.replace(/\n/g, '\r\n')));
    assert.equal(crlf.id, 'token-refresh');
    assert.deepEqual(crlf.requirements.map((r) => [r.id, r.line, r.keyword]), lf.requirements.map((r) => [r.id, r.line, r.keyword]));
  });
});
