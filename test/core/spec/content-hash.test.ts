import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash, normaliseProse } from '../../../src/core/spec/content-hash.js';
import { parseSpec } from '../../../src/core/spec/parse.js';

const BASE = [
  '---',
  'id: user-login',
  'title: User login',
  'status: draft',
  'owner: ada@example.test',
  'tags: [security]',
  'reviewers: [bob@example.test]',
  'depends_on: [accounts, sessions]',
  'code: ["src/auth/**/*.ts"]',
  'created: 2024-05-17',
  'updated: 2024-05-18',
  'jira: AUTH-1',
  '---',
  '# User login',
  '',
  'Users sign in with an email address and a password that',
  'they chose when registering.',
  '',
  '- **REQ-001** The system MUST lock an account after five failed attempts.',
  '',
].join('\n');

function hashOf(text: string, file = '.sdd/specs/user-login.md'): string {
  const r = parseSpec(file, text);
  if (!r.ok) assert.fail(`fixture does not parse: ${r.problem.message}`);
  return r.spec.contentHash;
}

/** Replaces exactly one occurrence, so a typo in the table fails loudly instead of testing nothing. */
function edit(from: string | RegExp, to: string): (t: string) => string {
  return (t) => {
    const out = t.replace(from, to);
    assert.notEqual(out, t, `edit ${String(from)} did not apply`);
    return out;
  };
}

// @sdd spec-model/MODEL-006
describe('contentHash of a markdown spec', () => {
  const base = hashOf(BASE);

  it('has the sha256: form', () => {
    assert.match(base, /^sha256:[0-9a-f]{64}$/);
  });

  const changes: Array<[string, (t: string) => string]> = [
    ['a word in the body', edit('an email address', 'a phone number')],
    ['the title', edit('title: User login', 'title: User sign-in')],
    ['the id', edit('id: user-login', 'id: user-signin')],
    ['requirement text', edit('after five failed', 'after three failed')],
    ['a requirement id', edit('**REQ-001**', '**REQ-002**')],
    ['a keyword', edit('MUST lock', 'SHOULD lock')],
    ['a depends_on entry added', edit('depends_on: [accounts, sessions]', 'depends_on: [accounts, sessions, audit]')],
    ['a depends_on entry removed', edit('depends_on: [accounts, sessions]', 'depends_on: [accounts]')],
    ['a code glob', edit('code: ["src/auth/**/*.ts"]', 'code: ["src/auth/**/*.js"]')],
    ['a code glob added', edit('code: ["src/auth/**/*.ts"]', 'code: ["src/auth/**/*.ts", "src/session/*.ts"]')],
    ['a paragraph split in two', edit('password that\nthey', 'password that\n\nthey')],
    ['a new requirement', edit('attempts.\n', 'attempts.\n- **REQ-002** The system MAY email the user.\n')],
    ['the body removed', (t) => t.slice(0, t.indexOf('# User login'))],
  ];
  for (const [what, change] of changes) {
    it(`changes when ${what} changes`, () => {
      assert.notEqual(hashOf(change(BASE)), base);
    });
  }

  const keeps: Array<[string, (t: string) => string]> = [
    ['status', edit('status: draft', 'status: approved')],
    ['owner', edit('owner: ada@example.test', 'owner: eve@example.test')],
    ['owner removed', edit('owner: ada@example.test\n', '')],
    ['tags', edit('tags: [security]', 'tags: [security, ux]')],
    ['reviewers', edit('reviewers: [bob@example.test]', 'reviewers: [carol@example.test]')],
    ['created', edit('created: 2024-05-17', 'created: 2023-01-01')],
    ['updated', edit('updated: 2024-05-18', 'updated: 2025-12-31')],
    ['an extra key changed', edit('jira: AUTH-1', 'jira: AUTH-2')],
    ['an extra key added', edit('jira: AUTH-1', 'jira: AUTH-1\nrisk: high')],
    ['phase, kind and domain', edit('status: draft', 'status: draft\nphase: 3\nkind: spec\ndomain: auth')],
    ['CRLF line endings', (t) => t.replace(/\n/g, '\r\n')],
    ['a byte order mark', (t) => '\uFEFF' + t],
    ['trailing spaces', (t) => t.replace(/\n/g, '   \n')],
    ['trailing tabs on body lines', edit('password that\n', 'password that\t\n')],
    ['a re-wrapped paragraph', edit('a password that\nthey chose', 'a\npassword that they chose')],
    ['extra blank lines between paragraphs', edit('# User login\n\n', '# User login\n\n\n\n')],
    ['extra blank lines at the end', (t) => t + '\n\n\n'],
    ['depends_on order', edit('depends_on: [accounts, sessions]', 'depends_on: [sessions, accounts]')],
    ['depends_on written as a block list', edit('depends_on: [accounts, sessions]', 'depends_on:\n  - sessions\n  - accounts')],
    ['key order in the front matter', edit('id: user-login\ntitle: User login\n', 'title: User login\nid: user-login\n')],
    ['a quoted title', edit('title: User login', 'title: "User login"')],
  ];
  for (const [what, change] of keeps) {
    it(`stays the same when only ${what} changes`, () => {
      assert.equal(hashOf(change(BASE)), base);
    });
  }

  it('differs between unrelated specs (the tables above do not compare a constant)', () => {
    const other = hashOf('id: other\ntitle: Other\nstatus: draft\n', '.sdd/specs/other.yaml');
    assert.notEqual(other, base);
  });
});

describe('contentHash of a YAML spec', () => {
  const BASE_YAML = [
    'id: token-refresh',
    'title: Token refresh',
    'status: draft',
    'owner: ada@example.test',
    'requirements:',
    '  - id: TOK-1',
    '    text: The service MUST rotate tokens.',
    '  - id: TOK-2',
    '    text: Clients SHOULD NOT cache them.',
    'body: |',
    '  Tokens expire.',
    '',
  ].join('\n');
  const base = hashOf(BASE_YAML, '.sdd/specs/token-refresh.yaml');
  const yamlHash = (t: string) => hashOf(t, '.sdd/specs/token-refresh.yaml');

  it('changes with requirement text and ids', () => {
    assert.notEqual(yamlHash(edit('rotate tokens', 'rotate keys')(BASE_YAML)), base);
    assert.notEqual(yamlHash(edit('id: TOK-2', 'id: TOK-3')(BASE_YAML)), base);
  });

  it('changes with the body', () => {
    assert.notEqual(yamlHash(edit('Tokens expire.', 'Tokens never expire.')(BASE_YAML)), base);
  });

  it('ignores status, owner and the way a requirement text is wrapped', () => {
    assert.equal(yamlHash(edit('status: draft', 'status: review')(BASE_YAML)), base);
    assert.equal(yamlHash(edit('owner: ada@example.test\n', '')(BASE_YAML)), base);
    assert.equal(yamlHash(edit('    text: The service MUST rotate tokens.', '    text: >-\n      The service MUST\n      rotate tokens.')(BASE_YAML)), base);
  });
});

describe('contentHash (direct)', () => {
  const content = { id: 'a', title: 'A', body: 'Body.', dependsOn: ['x', 'y'], code: ['src/*.ts'] };

  it('ignores duplicate and reordered depends_on and code entries', () => {
    assert.equal(contentHash({ ...content, dependsOn: ['y', 'x', 'x'], code: ['src/*.ts', 'src/*.ts'] }), contentHash(content));
  });

  it('distinguishes moving a value between fields', () => {
    assert.notEqual(contentHash({ ...content, dependsOn: ['x'], code: ['src/*.ts', 'y'] }), contentHash(content));
    assert.notEqual(contentHash({ ...content, title: 'A Body.', body: '' }), contentHash(content));
  });

  it('treats NFC and NFD spellings alike', () => {
    assert.equal(contentHash({ ...content, title: 'Caf\u00e9' }), contentHash({ ...content, title: 'Cafe\u0301' }));
  });

  it('is deterministic', () => {
    assert.equal(contentHash(content), contentHash({ ...content }));
  });
});

describe('normaliseProse', () => {
  const table: Array<[string, string]> = [
    ['a  b\n c', 'a b c'],
    ['a\r\nb', 'a b'],
    ['a\rb', 'a b'],
    ['\n\n a \n\n\n b \n\n', 'a\n\nb'],
    ['a\n   \nb', 'a\n\nb'],
    ['a\r\n\r\nb', 'a\n\nb'],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(normaliseProse(input), expected));
  }
});
