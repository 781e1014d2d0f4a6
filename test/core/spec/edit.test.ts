import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { editFrontMatterText, writeFrontMatterEdit } from '../../../src/core/spec/edit.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { parseSpec } from '../../../src/core/spec/parse.js';
import { makeTempDir } from '../../helpers/cli.js';

const lines = (...l: string[]) => l.join('\n');

/** A front matter written the way people write it: comments, odd spacing, flow lists, both quotes. */
const MESSY = lines(
  '---',
  '# Owned by the auth team.',
  'id:    token-refresh      # never change this',
  "title: 'Token refresh: rotation'",
  'status:  review   # moved by sdd status',
  'tags: [ security,sessions ,  ux]',
  'depends_on:',
  '  - user-login   # the base',
  '  -   sessions',
  'owner: "ada@example.com"',
  '',
  '# dates stay strings',
  'created: 2024-05-01',
  'updated:   "2024-05-17"',
  'priority: high',
  '---',
  '# Token refresh',
  '',
  '---',
  'status: draft',
  '---',
  '',
  '- **REQ-001** The service MUST rotate the token.   ',
  '',
);

function dataOf(file: string, text: string): Record<string, unknown> {
  const r = parseSpec(file, text);
  if (!r.ok) assert.fail(`${r.problem.message} at ${r.problem.line}`);
  return r.spec.data;
}

function sddError(fn: () => unknown): SddError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SddError, `expected an SddError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

// @sdd lifecycle/LIF-003
describe('editFrontMatterText: markdown', () => {
  it('changes only the value of the key, keeping comments, spacing, flow lists, quotes and the body', () => {
    const out = editFrontMatterText('.sdd/specs/a.md', MESSY, { set: [{ key: 'status', value: 'approved' }] });
    assert.equal(out, MESSY.replace('status:  review   # moved by sdd status', 'status:  approved   # moved by sdd status'));
  });

  it('keeps a quoted value quoted the same way', () => {
    const out = editFrontMatterText('.sdd/specs/a.md', MESSY, { set: [{ key: 'updated', value: '2024-06-30' }] });
    assert.equal(out, MESSY.replace('updated:   "2024-05-17"', 'updated:   "2024-06-30"'));
    const single = editFrontMatterText('.sdd/specs/a.md', MESSY, { set: [{ key: 'title', value: "It's done" }] });
    assert.equal(single, MESSY.replace("title: 'Token refresh: rotation'", "title: 'It''s done'"));
  });

  it('inserts a new key on the line after its anchor, and removes a key with its comment', () => {
    const added = editFrontMatterText('.sdd/specs/a.md', MESSY, { set: [{ key: 'status_reason', value: 'REQ-001 is wrong', after: 'status' }] });
    assert.equal(added, MESSY.replace('# moved by sdd status\n', '# moved by sdd status\nstatus_reason: REQ-001 is wrong\n'));
    const removed = editFrontMatterText('.sdd/specs/a.md', added, { delete: ['status_reason', 'priority'] });
    assert.equal(removed, MESSY.replace('priority: high\n', ''));
  });

  it('removes a key whose value is a block list, with all its lines', () => {
    const out = editFrontMatterText('.sdd/specs/a.md', MESSY, { delete: ['depends_on'] });
    assert.equal(out, MESSY.replace('depends_on:\n  - user-login   # the base\n  -   sessions\n', ''));
  });

  it('appends a key without an anchor at the end of the front matter', () => {
    const out = editFrontMatterText('.sdd/specs/a.md', MESSY, { set: [{ key: 'status_reason', value: 'x', after: 'nope' }] });
    assert.equal(out, MESSY.replace('priority: high\n---\n', 'priority: high\nstatus_reason: x\n---\n'));
  });

  it('quotes what YAML would misread, and keeps text with line breaks on one line', () => {
    for (const value of ['needs: work', '- not a list', '#not a comment', "it's \"quoted\"", '123', 'true', 'line one\nline two', '  padded  ', '']) {
      const out = editFrontMatterText('.sdd/specs/a.md', MESSY, { set: [{ key: 'status_reason', value, after: 'status' }] });
      assert.equal(dataOf('.sdd/specs/a.md', out).status_reason, value, `round trip of ${JSON.stringify(value)}:\n${out}`);
      const outLines = out.split('\n');
      assert.match(outLines[5], /^status_reason: \S/);
      outLines.splice(5, 1);
      assert.equal(outLines.join('\n'), MESSY, `only one line added for ${JSON.stringify(value)}`);
    }
  });

  it('fills an empty value and replaces a block value with a scalar line', () => {
    const text = lines('---', 'id: a', 'status:', 'tags:', '  - x', '  - y', 'title: A', '---', 'body', '');
    assert.equal(editFrontMatterText('a.md', text, { set: [{ key: 'status', value: 'draft' }] }), text.replace('status:\n', 'status: draft\n'));
    assert.equal(editFrontMatterText('a.md', text, { set: [{ key: 'tags', value: 'none' }] }), text.replace('tags:\n  - x\n  - y\n', 'tags: none\n'));
  });

  it('returns the text unchanged when nothing changes', () => {
    assert.equal(editFrontMatterText('a.md', MESSY, { set: [{ key: 'status', value: 'review' }], delete: ['absent'] }), MESSY);
  });

  it('keeps CRLF line endings and a byte-order mark', () => {
    const crlf = '\uFEFF' + MESSY.replace(/\n/g, '\r\n');
    const out = editFrontMatterText('a.md', crlf, { set: [{ key: 'status', value: 'draft' }, { key: 'status_reason', value: 'why', after: 'status' }] });
    assert.equal(out, crlf.replace('status:  review   # moved by sdd status\r\n', 'status:  draft   # moved by sdd status\r\nstatus_reason: why\r\n'));
    assert.ok(out.startsWith('\uFEFF---\r\n'));
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
  });

  it('handles an empty front matter', () => {
    assert.equal(editFrontMatterText('a.md', '---\n---\nbody\n', { set: [{ key: 'status', value: 'draft' }] }), '---\nstatus: draft\n---\nbody\n');
  });

  it('rewrites a flow-mapping front matter correctly (the one case not edited line by line)', () => {
    const out = editFrontMatterText('a.md', '---\n{id: a, status: draft}\n---\nbody\n', { set: [{ key: 'status', value: 'review' }, { key: 'status_reason', value: 'x' }] });
    assert.deepEqual(dataOf('a.md', out), { id: 'a', status: 'review', status_reason: 'x' });
    assert.ok(out.endsWith('\n---\nbody\n'));
  });

  it('refuses malformed YAML with the file and its line, and a file without front matter', () => {
    const broken = lines('---', 'id: a', 'title: [unclosed', 'status: draft', '---', 'body', '');
    const err = sddError(() => editFrontMatterText('.sdd/specs/a.md', broken, { set: [{ key: 'status', value: 'review' }] }));
    assert.equal(err.code, 'yaml_syntax');
    assert.equal(err.target?.file, '.sdd/specs/a.md');
    assert.ok(err.target?.line !== undefined && err.target.line >= 3 && err.target.line <= 5, `line ${err.target?.line}`);
    assert.match(err.message, /\.sdd\/specs\/a\.md/);
    assert.ok(err.fix);
    assert.equal(sddError(() => editFrontMatterText('a.md', '# no front matter\n', { set: [{ key: 'status', value: 'x' }] })).code, 'front_matter_missing');
    assert.equal(sddError(() => editFrontMatterText('a.md', '---\nid: a\nbody\n', { set: [{ key: 'status', value: 'x' }] })).code, 'front_matter_unclosed');
    assert.equal(sddError(() => editFrontMatterText('a.md', '---\n- a\n---\n', { set: [{ key: 'status', value: 'x' }] })).code, 'not_a_mapping');
  });
});

describe('editFrontMatterText: YAML specs', () => {
  const YAML_SPEC = lines(
    '# A YAML spec',
    'id: cache-index',
    'title: "Cache index"',
    'status: draft  # lifecycle',
    'domain: core',
    'body: |',
    '  # Cache index',
    '  status: this is body text, not a key',
    'requirements:',
    '  - {id: REQ-001, text: "The index MUST be derived."}',
    'updated: 2024-01-01',
  );

  it('edits the whole file as YAML, leaving the body block and everything else alone', () => {
    const out = editFrontMatterText('.sdd/specs/x.yaml', YAML_SPEC, {
      set: [{ key: 'status', value: 'review' }, { key: 'status_reason', value: 'ready', after: 'status' }, { key: 'updated', value: '2024-02-02' }],
    });
    assert.equal(out, YAML_SPEC
      .replace('status: draft  # lifecycle', 'status: review  # lifecycle\nstatus_reason: ready')
      .replace('updated: 2024-01-01', 'updated: 2024-02-02'));
  });

  it('appends after a last line without a newline, and keeps a BOM', () => {
    const out = editFrontMatterText('x.yml', '\uFEFF' + YAML_SPEC, { set: [{ key: 'owner', value: 'ada@example.com' }] });
    assert.equal(out, '\uFEFF' + YAML_SPEC + '\nowner: ada@example.com');
    assert.equal(editFrontMatterText('x.yml', out, { delete: ['owner'] }), '\uFEFF' + YAML_SPEC + '\n');
  });

  it('refuses a broken YAML spec with its line', () => {
    const err = sddError(() => editFrontMatterText('.sdd/specs/x.yaml', 'id: a\nstatus: draft\n  bad: indent\n', { set: [{ key: 'status', value: 'review' }] }));
    assert.equal(err.target?.file, '.sdd/specs/x.yaml');
    assert.equal(typeof err.target?.line, 'number');
  });
});

describe('writeFrontMatterEdit', () => {
  it('writes the edited text and reports whether it changed anything', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, MESSY);
    assert.equal(writeFrontMatterEdit(file, 'a.md', MESSY, { set: [{ key: 'status', value: 'review' }] }), false);
    assert.equal(writeFrontMatterEdit(file, 'a.md', MESSY, { set: [{ key: 'status', value: 'draft' }] }), true);
    assert.equal(fs.readFileSync(file, 'utf8'), MESSY.replace('status:  review', 'status:  draft'));
    assert.deepEqual(fs.readdirSync(dir), ['a.md'], 'no temp file left behind');
  });
});

// @sdd lifecycle/LIF-003
describe('editFrontMatterText: YAML anchors and aliases', () => {
  const spec = (...fm: string[]) => lines('---', ...fm, '---', '# Body', '');
  const fields = (text: string) => {
    const r = parseSpec('a.md', text);
    assert.ok(r.ok, JSON.stringify(r));
    return r.spec.data;
  };

  it('changes only the key it names when another key aliases its value', () => {
    const text = spec('id: a', 'status: &st draft', 'mirror: *st', 'list: [*st, x]');
    const out = editFrontMatterText('a.md', text, { set: [{ key: 'status', value: 'review' }] });
    assert.equal(out, spec('id: a', 'status: review', 'mirror: draft', 'list: [draft, x]'));
    assert.equal(fields(out).status, 'review');
    assert.equal(fields(out).mirror, 'draft');
  });

  it('keeps the aliases valid when the anchored key is deleted', () => {
    const text = spec('id: a', 'owner: &o "ana lee"', 'reviewer: *o');
    const out = editFrontMatterText('a.md', text, { delete: ['owner'] });
    assert.equal(out, spec('id: a', 'reviewer: "ana lee"'));
  });

  it('leaves an anchor nobody aliases, and an alias being set, alone', () => {
    assert.equal(editFrontMatterText('a.md', spec('id: a', 'status: &st draft'), { set: [{ key: 'status', value: 'review' }] }), spec('id: a', 'status: &st review'));
    assert.equal(editFrontMatterText('a.md', spec('id: a', 'base: &b draft', 'status: *b'), { set: [{ key: 'status', value: 'review' }] }), spec('id: a', 'base: &b draft', 'status: review'));
  });

  it('refuses, naming the alias line, when an anchored list is shared', () => {
    const text = spec('id: a', 'tags: &t [a, b]', 'labels: *t');
    assert.throws(() => editFrontMatterText('a.md', text, { set: [{ key: 'tags', value: 'x' }] }), (err: unknown) => {
      assert.ok(err instanceof SddError);
      assert.equal(err.code, 'yaml_anchor_shared');
      assert.deepEqual(err.target, { file: 'a.md', line: 4 });
      return true;
    });
  });
});
