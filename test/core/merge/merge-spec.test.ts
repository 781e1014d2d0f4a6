import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeSpecFile, mergeSpecText, type SpecMerge, type SpecMergeInput } from '../../../src/core/merge/merge-spec.js';
import { parseSpec } from '../../../src/core/spec/parse.js';
import { gitEnv } from '../../helpers/cli.js';

// git merge-file reads merge.conflictStyle: keep the machine's git configuration out of it.
Object.assign(process.env, gitEnv());

const lines = (...l: string[]) => l.join('\n') + '\n';

/** A markdown spec: front-matter lines between fences, then body lines. */
const md = (front: string[], body: string[]) => lines('---', ...front, '---', ...body);

const FRONT = ['id: login', 'title: Login', 'status: draft', 'tags: [auth, sessions]', 'depends_on:', '  - users', '  - tokens', 'owner: ada@example.com'];
const BODY = ['# Login', '', 'First paragraph.', '', 'Second paragraph.', '', '## Requirements', '', '- **REQ-001** The system MUST log users in.'];
const BASE = md(FRONT, BODY);

/** BASE with `edits` applied, each replacing the first occurrence of a string. */
function edit(text: string, ...edits: Array<[string, string]>): string {
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `test setup: ${JSON.stringify(from)} not in the text`);
    text = text.replace(from, to);
  }
  return text;
}

const merge = (ours: string, theirs: string, more: Partial<SpecMergeInput> = {}): Promise<SpecMerge> =>
  mergeSpecText({ base: BASE, ours, theirs, path: '.sdd/specs/auth/login.md', ...more });

function clean(r: SpecMerge): string {
  assert.equal(r.conflicts, 0, `expected a clean merge, got:\n${r.text}`);
  assert.equal(r.strategy, 'fields', r.reason);
  return r.text;
}

// @sdd merge-driver/MRG-002
describe('mergeSpecText: front matter, key by key', () => {
  it('different fields edited on each side merge cleanly, keeping both edits', async () => {
    const ours = edit(BASE, ['status: draft', 'status: review']);
    const theirs = edit(BASE, ['owner: ada@example.com', 'owner: bob@example.com']);
    assert.equal(clean(await merge(ours, theirs)), edit(BASE, ['status: draft', 'status: review'], ['owner: ada@example.com', 'owner: bob@example.com']));
  });

  it('edits of adjacent front-matter lines, which a line merge cannot separate, merge cleanly', async () => {
    const ours = edit(BASE, ['status: draft', 'status: review']);
    const theirs = edit(BASE, ['title: Login', 'title: Log in']);
    assert.equal(clean(await merge(ours, theirs)), edit(BASE, ['status: draft', 'status: review'], ['title: Login', 'title: Log in']));
  });

  it('the same scalar changed the same way on both sides is clean', async () => {
    const both = edit(BASE, ['status: draft', 'status: review']);
    assert.equal(clean(await merge(both, both)), both);
  });

  // @sdd merge-driver/MRG-004
  it('the same scalar changed differently conflicts, with markers around that key only', async () => {
    const r = await merge(edit(BASE, ['status: draft', 'status: review']), edit(BASE, ['status: draft', 'status: deprecated'], ['First paragraph.', 'First paragraph, theirs.']));
    assert.equal(r.conflicts, 1);
    assert.deepEqual(r.fieldConflicts, ['status']);
    assert.equal(r.bodyConflicts, 0);
    assert.equal(r.text, edit(BASE, ['status: draft\n', '<<<<<<< ours\nstatus: review\n=======\nstatus: deprecated\n>>>>>>> theirs\n'], ['First paragraph.', 'First paragraph, theirs.']));
  });

  it('with diff3 conflict style the base value is shown too', async () => {
    const r = await merge(edit(BASE, ['status: draft', 'status: review']), edit(BASE, ['status: draft', 'status: deprecated']), { conflictStyle: 'diff3' });
    assert.match(r.text, /^<<<<<<< ours\nstatus: review\n\|\|\|\|\|\|\| base\nstatus: draft\n=======\nstatus: deprecated\n>>>>>>> theirs\n/m);
  });

  // @sdd merge-driver/MRG-003
  it('tags added on both sides become the union, ours order first', async () => {
    const r = await merge(edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions, ux]']), edit(BASE, ['tags: [auth, sessions]', 'tags: [security, auth, sessions]']));
    assert.equal(clean(r), edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions, ux, security]']));
  });

  it('a tag removed on one side and another added on the other: both honoured', async () => {
    const r = await merge(edit(BASE, ['tags: [auth, sessions]', 'tags: [auth]']), edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions, ux]']));
    assert.equal(clean(r), edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, ux]']));
  });

  it('depends_on merges as a set, line by line in a block list, comments kept', async () => {
    const base = edit(BASE, ['  - users\n', '  - users   # the account model\n']);
    const ours = edit(base, ['  - tokens\n', '  - tokens\n  - audit\n']);
    const theirs = edit(base, ['  - tokens\n', '  - tokens\n  - sessions\n'], ['  - users   # the account model\n', '']);
    const r = await mergeSpecText({ base, ours, theirs, path: 'login.md' });
    assert.equal(clean(r), edit(base, ['  - users   # the account model\n', ''], ['  - tokens\n', '  - tokens\n  - audit\n  - sessions\n']));
  });

  it('a flow-style addition to a block list comes in at the block list indentation', async () => {
    const ours = edit(BASE, ['  - tokens\n', '  - tokens\n  - audit\n']);
    const theirs = edit(BASE, ['depends_on:\n  - users\n  - tokens\n', 'depends_on: [users, tokens, "sessions"]\n']);
    assert.equal(clean(await merge(ours, theirs)), edit(BASE, ['  - tokens\n', '  - tokens\n  - audit\n  - "sessions"\n']));
  });

  it('a key added on one side is kept, after the key it follows there', async () => {
    const ours = edit(BASE, ['title: Login', 'title: Log in']);
    const theirs = edit(BASE, ['status: draft\n', 'status: draft\npriority: high   # set by triage\n']);
    assert.equal(clean(await merge(ours, theirs)), edit(BASE, ['title: Login', 'title: Log in'], ['status: draft\n', 'status: draft\npriority: high   # set by triage\n']));
  });

  it('a key theirs added above every key ours has goes before ours\' first key', async () => {
    const ours = edit(BASE, ['title: Login', 'title: Log in']);
    const theirs = edit(BASE, ['id: login\n', 'kind: spec\nid: login\n']);
    assert.equal(clean(await merge(ours, theirs)), edit(BASE, ['title: Login', 'title: Log in'], ['id: login\n', 'kind: spec\nid: login\n']));
  });

  it('no edit is lost when the sides change different keys and both add tags (property)', async () => {
    const KEYS = ['id', 'title', 'status', 'owner', 'phase', 'domain'];
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const sideEdits = fc.record({ values: fc.dictionary(fc.constantFrom(...KEYS), word), tags: fc.uniqueArray(word.map((w) => `t-${w}`), { maxLength: 3 }) });
    await fc.assert(fc.asyncProperty(sideEdits, sideEdits, async (o, t) => {
      // Each key is changed by at most one side, so every edit must survive.
      const theirsValues = Object.fromEntries(Object.entries(t.values).filter(([k]) => !(k in o.values)));
      const render = (values: Record<string, string>, tags: string[]) =>
        md([...KEYS.map((k) => `${k}: ${values[k] ?? `base-${k}`}`), `tags: [${['base', ...tags].join(', ')}]`], ['Body.']);
      const r = await mergeSpecText({ base: render({}, []), ours: render(o.values, o.tags), theirs: render(theirsValues, t.tags), path: 'p.md' });
      const parsed = parseSpec('.sdd/specs/p.md', clean(r));
      assert.ok(parsed.ok);
      for (const k of KEYS) assert.equal(String(parsed.spec.data[k]), o.values[k] ?? theirsValues[k] ?? `base-${k}`, k);
      assert.deepEqual(parsed.spec.tags, [...new Set(['base', ...o.tags, ...t.tags])]);
    }), { numRuns: 40 });
  });

  it('a key deleted on one side and unchanged on the other is deleted', async () => {
    const ours = edit(BASE, ['owner: ada@example.com\n', '']);
    const theirs = edit(BASE, ['status: draft', 'status: review']);
    assert.equal(clean(await merge(ours, theirs)), edit(BASE, ['owner: ada@example.com\n', ''], ['status: draft', 'status: review']));
  });

  it('a key deleted on one side and changed on the other conflicts, showing the empty side', async () => {
    const r = await merge(edit(BASE, ['title: Login\n', '']), edit(BASE, ['title: Login', 'title: Log in']));
    assert.deepEqual(r.fieldConflicts, ['title']);
    assert.equal(r.text, edit(BASE, ['title: Login\n', '<<<<<<< ours\n=======\ntitle: Log in\n>>>>>>> theirs\n']));
  });

  it('a key added on both sides with different values conflicts where ours put it', async () => {
    const r = await merge(edit(BASE, ['owner: ada@example.com\n', 'owner: ada@example.com\nphase: 2\n']), edit(BASE, ['status: draft\n', 'status: draft\nphase: 3\n']));
    assert.deepEqual(r.fieldConflicts, ['phase']);
    assert.equal(r.text, edit(BASE, ['owner: ada@example.com\n', 'owner: ada@example.com\n<<<<<<< ours\nphase: 2\n=======\nphase: 3\n>>>>>>> theirs\n']));
  });

  // @sdd merge-driver/MRG-005
  it('comments, spacing and quoting of ours survive; theirs change comes in its own words', async () => {
    const base = md(['# Owned by the auth team.', 'id:    login      # never change this', "title: 'Login: basics'", 'status:  draft   # moved by sdd status', 'tags: [ auth,sessions ]', '', '# dates stay strings', 'created: 2024-05-01'], BODY);
    const ours = edit(base, ['tags: [ auth,sessions ]', 'tags: [ auth,sessions,ux ]']);
    const theirs = edit(base, ["title: 'Login: basics'", 'title: "Login: the basics"  # reworded'], ['tags: [ auth,sessions ]', 'tags: [ auth, security, sessions ]']);
    const r = await mergeSpecText({ base, ours, theirs, path: 'login.md' });
    assert.equal(clean(r), edit(base, ["title: 'Login: basics'", 'title: "Login: the basics"  # reworded'], ['tags: [ auth,sessions ]', 'tags: [ auth, sessions, ux, security ]']));
  });

  it('maps: a one-sided change wins, different changes on both sides conflict', async () => {
    const base = md(['id: x', 'links:', '  issue: 12', '  pr: 40'], BODY);
    const one = await mergeSpecText({ base, ours: edit(base, ['id: x', 'id: y']), theirs: edit(base, ['pr: 40', 'pr: 41']), path: 'x.md' });
    assert.equal(clean(one), edit(base, ['id: x', 'id: y'], ['pr: 40', 'pr: 41']));
    const both = await mergeSpecText({ base, ours: edit(base, ['issue: 12', 'issue: 13']), theirs: edit(base, ['pr: 40', 'pr: 41']), path: 'x.md' });
    assert.deepEqual(both.fieldConflicts, ['links']);
  });

  it('an empty front matter takes the other side\'s keys', async () => {
    const base = md([], ['Body.']);
    const r = await mergeSpecText({ base, ours: md(['id: a'], ['Body.']), theirs: md(['title: A'], ['Body.']), path: 'a.md' });
    assert.equal(clean(r), md(['id: a', 'title: A'], ['Body.']));
  });

  // @sdd merge-driver/MRG-005
  it('the merged file still parses as a spec with both sides\' values', async () => {
    const ours = edit(BASE, ['status: draft', 'status: review'], ['tags: [auth, sessions]', 'tags: [auth]']);
    const theirs = edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions, ux]'], ['owner: ada@example.com', 'owner: bob@example.com\nreviewers: [carol@example.com]']);
    const parsed = parseSpec('.sdd/specs/auth/login.md', clean(await merge(ours, theirs)));
    assert.ok(parsed.ok);
    assert.equal(parsed.spec.status, 'review');
    assert.deepEqual(parsed.spec.tags, ['auth', 'ux']);
    assert.equal(parsed.spec.owner, 'bob@example.com');
    assert.deepEqual(parsed.spec.reviewers, ['carol@example.com']);
  });
});

// @sdd merge-driver/MRG-006
describe('mergeSpecText: the body, by lines', () => {
  it('different body paragraphs merge cleanly', async () => {
    const ours = edit(BASE, ['First paragraph.', 'First paragraph, ours.']);
    const theirs = edit(BASE, ['Second paragraph.', 'Second paragraph, theirs.']);
    assert.equal(clean(await merge(ours, theirs)), edit(BASE, ['First paragraph.', 'First paragraph, ours.'], ['Second paragraph.', 'Second paragraph, theirs.']));
  });

  it('the same body line changed differently conflicts with git merge-file markers', async () => {
    const r = await merge(edit(BASE, ['Second paragraph.', 'Second, by ours.'], ['status: draft', 'status: review']), edit(BASE, ['Second paragraph.', 'Second, by theirs.']));
    assert.equal(r.conflicts, 1);
    assert.equal(r.bodyConflicts, 1);
    assert.deepEqual(r.fieldConflicts, []);
    assert.equal(r.text, edit(BASE, ['status: draft', 'status: review'], ['Second paragraph.\n', '<<<<<<< ours\nSecond, by ours.\n=======\nSecond, by theirs.\n>>>>>>> theirs\n']));
  });

  it('a field conflict and a body conflict are counted together', async () => {
    const r = await merge(edit(BASE, ['Second paragraph.', 'Second, by ours.'], ['status: draft', 'status: review']), edit(BASE, ['Second paragraph.', 'Second, by theirs.'], ['status: draft', 'status: deprecated']));
    assert.equal(r.conflicts, 2);
    assert.deepEqual(r.fieldConflicts, ['status']);
    assert.equal(r.bodyConflicts, 1);
    assert.match(r.text, /<<<<<<< ours\nstatus: review\n=======\nstatus: deprecated\n>>>>>>> theirs\n/);
    assert.match(r.text, /<<<<<<< ours\nSecond, by ours\.\n=======\nSecond, by theirs\.\n>>>>>>> theirs\n/);
  });
});

// @sdd merge-driver/MRG-007
describe('mergeSpecText: odd inputs', () => {
  it('a side with malformed YAML is merged by lines, reported, and loses no edit', async () => {
    const ours = edit(BASE, ['status: draft', 'status: review']);
    const theirs = edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions'], ['Second paragraph.', 'Second paragraph, theirs.']);
    const r = await merge(ours, theirs);
    assert.equal(r.strategy, 'lines');
    assert.match(r.reason!, /^theirs: malformed YAML at line \d+/);
    // git's own line merge: the adjacent status/tags edits conflict, the body edit is merged.
    assert.equal(r.conflicts, 1);
    assert.match(r.text, /<<<<<<< ours\nstatus: review\ntags: \[auth, sessions\]\n=======\nstatus: draft\ntags: \[auth, sessions\n>>>>>>> theirs\n/);
    assert.match(r.text, /Second paragraph, theirs\./);
  });

  it('a file added on both sides (empty base): identical sides are clean, different fields merge, the same field conflicts', async () => {
    const a = md(['id: a', 'title: A'], ['Body.']);
    assert.equal(clean(await mergeSpecText({ base: '', ours: a, theirs: a, path: 'a.md' })), a);
    const r = await mergeSpecText({ base: '', ours: md(['id: a', 'title: A'], ['Body.']), theirs: md(['id: a', 'title: B', 'tags: [x]'], ['Body.']), path: 'a.md' });
    assert.deepEqual(r.fieldConflicts, ['title']);
    assert.equal(r.bodyConflicts, 0);
    assert.equal(r.text, md(['id: a', '<<<<<<< ours', 'title: A', '=======', 'title: B', '>>>>>>> theirs', 'tags: [x]'], ['Body.']));
  });

  it('CRLF files stay CRLF', async () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const r = await merge(crlf(edit(BASE, ['status: draft', 'status: review'])), crlf(edit(BASE, ['tags: [auth, sessions]', 'tags: [auth, sessions, ux]'])), { base: crlf(BASE) });
    assert.equal(clean(r), crlf(edit(BASE, ['status: draft', 'status: review'], ['tags: [auth, sessions]', 'tags: [auth, sessions, ux]'])));
  });

  // @sdd merge-driver/MRG-008
  it('a side that changed the line endings wins, and the other side\'s edit is kept', async () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const r = await merge(edit(BASE, ['status: draft', 'status: review']), crlf(BASE));
    assert.equal(clean(r), crlf(edit(BASE, ['status: draft', 'status: review'])));
  });

  it('mixed line endings are merged by lines, untouched', async () => {
    const mixed = BASE.replace('id: login\n', 'id: login\r\n');
    const r = await mergeSpecText({ base: mixed, ours: mixed.replace('First', 'The first'), theirs: mixed, path: 'a.md' });
    assert.equal(r.strategy, 'lines');
    assert.match(r.reason!, /mixed line endings/);
    assert.equal(r.text, mixed.replace('First', 'The first'));
  });

  // @sdd merge-driver/MRG-008
  it('a BOM is kept', async () => {
    const r = await merge('\uFEFF' + edit(BASE, ['status: draft', 'status: review']), '\uFEFF' + edit(BASE, ['title: Login', 'title: Log in']), { base: '\uFEFF' + BASE });
    assert.equal(clean(r), '\uFEFF' + edit(BASE, ['status: draft', 'status: review'], ['title: Login', 'title: Log in']));
  });

  it('markdown without front matter is merged by lines', async () => {
    const base = lines('# Notes', '', 'one', '', 'two');
    const r = await mergeSpecText({ base, ours: base.replace('one', 'ONE'), theirs: base.replace('two', 'TWO'), path: '.sdd/specs/notes.md' });
    assert.equal(r.strategy, 'lines');
    assert.equal(r.reason, 'no front matter');
    assert.equal(r.conflicts, 0);
    assert.equal(r.text, lines('# Notes', '', 'ONE', '', 'TWO'));
  });

  it('a file that is not a spec is merged by lines', async () => {
    const r = await mergeSpecText({ base: 'a: 1\nb: 2\n', ours: 'a: 3\nb: 2\n', theirs: 'a: 1\nb: 4\n', path: '.sdd/specs/notes.txt' });
    assert.equal(r.strategy, 'lines');
    assert.equal(r.reason, 'not a .md, .yaml or .yml file');
    assert.equal(r.conflicts, 1);
  });

  it('repeated list items are not guessed at: the key conflicts', async () => {
    const base = md(['id: a', 'tags: [x, x]'], ['Body.']);
    const r = await mergeSpecText({ base, ours: edit(base, ['[x, x]', '[x, x, y]']), theirs: edit(base, ['[x, x]', '[x, x, z]']), path: 'a.md' });
    assert.deepEqual(r.fieldConflicts, ['tags']);
  });

  it('a splice that would change the meaning (an alias to an anchor ours removed) falls back to lines', async () => {
    const base = md(['id: a', 'owner: &lead ada@example.com', 'title: A'], ['Body.']);
    const ours = edit(base, ['owner: &lead ada@example.com', 'owner: bob@example.com']);
    const theirs = edit(base, ['title: A', 'title: A\nreviewers: [*lead]']);
    const r = await mergeSpecText({ base, ours, theirs, path: 'a.md' });
    assert.equal(r.strategy, 'lines');
    assert.match(r.reason!, /the merged YAML could not be written without changing its meaning/);
  });

  it('bytes that are not UTF-8 go to git merge-file untouched', async () => {
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    const base = md(['id: a', 'title: Caf\u00e9'], ['one', '', 'two']);
    const r = await mergeSpecFile({ base: latin1(base), ours: latin1(base.replace('one', 'ONE')), theirs: latin1(base.replace('two', 'TWO')), path: 'a.md' });
    assert.equal(r.strategy, 'lines');
    assert.match(r.reason!, /not UTF-8/);
    assert.deepEqual(r.output, latin1(base.replace('one', 'ONE').replace('two', 'TWO')));
  });
});

describe('mergeSpecText: YAML specs', () => {
  const BASE_YAML = lines(
    '# yaml-language-server: $schema=../../schemas/spec.schema.json',
    'id: cache',
    'title: "Cache"',
    'status: draft',
    'tags: [core]',
    'body: |',
    '  # Cache',
    '',
    '  The cache is derived.',
    '',
    '  It is rebuilt when damaged.',
    'requirements:',
    '  - id: REQ-001',
    '    text: The cache MUST be derived.',
  );
  const mergeYaml = (ours: string, theirs: string) => mergeSpecText({ base: BASE_YAML, ours, theirs, path: '.sdd/specs/core/cache.yaml' });

  it('merges the mapping key by key, keeping the comment line', async () => {
    const r = await mergeYaml(edit(BASE_YAML, ['status: draft', 'status: review']), edit(BASE_YAML, ['tags: [core]', 'tags: [core, index]'], ['title: "Cache"', 'title: "The cache"']));
    assert.equal(clean(r), edit(BASE_YAML, ['status: draft', 'status: review'], ['tags: [core]', 'tags: [core, index]'], ['title: "Cache"', 'title: "The cache"']));
  });

  it('a YAML spec without a final newline still gets each list item on its own line', async () => {
    const base = 'id: a\ntags:\n  - x';
    const r = await mergeSpecText({ base, ours: base + '\n  - y', theirs: base + '\n  - z', path: 'a.yml' });
    assert.equal(clean(r), 'id: a\ntags:\n  - x\n  - y\n  - z\n');
  });

  it('a multi-line body edited in different paragraphs merges by lines', async () => {
    const ours = edit(BASE_YAML, ['The cache is derived.', 'The cache is derived data.'], ['status: draft', 'status: review']);
    const theirs = edit(BASE_YAML, ['It is rebuilt when damaged.', 'It is rebuilt silently when damaged.'], ['tags: [core]', 'tags: [core, index]']);
    const r = await mergeYaml(ours, theirs);
    assert.equal(clean(r), edit(BASE_YAML, ['The cache is derived.', 'The cache is derived data.'], ['status: draft', 'status: review'], ['It is rebuilt when damaged.', 'It is rebuilt silently when damaged.'], ['tags: [core]', 'tags: [core, index]']));
  });

  it('the same body line edited differently conflicts on the key', async () => {
    const r = await mergeYaml(edit(BASE_YAML, ['The cache is derived.', 'Ours.'], ['status: draft', 'status: review']), edit(BASE_YAML, ['The cache is derived.', 'Theirs.'], ['tags: [core]', 'tags: [core, index]']));
    assert.deepEqual(r.fieldConflicts, ['body']);
    assert.match(r.text, /^<<<<<<< ours\nbody: \|\n {2}# Cache\n\n {2}Ours\./m);
  });

  it('requirements added and edited on different sides merge by id', async () => {
    const ours = edit(BASE_YAML, ['The cache MUST be derived.', 'The cache MUST be derived data.'], ['status: draft', 'status: review']);
    const theirs = edit(BASE_YAML, ['    text: The cache MUST be derived.\n', '    text: The cache MUST be derived.\n  - id: REQ-002\n    text: The cache MUST be rebuilt when damaged.\n'], ['tags: [core]', 'tags: [core, index]']);
    const r = await mergeYaml(ours, theirs);
    assert.equal(clean(r), edit(BASE_YAML, ['status: draft', 'status: review'], ['tags: [core]', 'tags: [core, index]'], ['    text: The cache MUST be derived.\n', '    text: The cache MUST be derived data.\n  - id: REQ-002\n    text: The cache MUST be rebuilt when damaged.\n']));
  });

  it('the same requirement edited differently conflicts', async () => {
    const r = await mergeYaml(edit(BASE_YAML, ['MUST be derived.', 'MUST be derived, ours.'], ['status: draft', 'status: review']), edit(BASE_YAML, ['MUST be derived.', 'MUST be derived, theirs.'], ['tags: [core]', 'tags: [core, x]']));
    assert.deepEqual(r.fieldConflicts, ['requirements']);
  });
});
