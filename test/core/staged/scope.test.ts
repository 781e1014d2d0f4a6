import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stagedScope, type ScopeInput, type SpecNode } from '../../../src/core/staged/scope.js';
import { approvalSpecId, isSpecPath, parseRawDiff } from '../../../src/core/staged/changes.js';

const node = (id: string, dependsOn: string[] = [], file = `.sdd/specs/${id}.md`): SpecNode => ({ id, dependsOn, file });
const f = (id: string) => `.sdd/specs/${id}.md`;

function scope(nodes: SpecNode[], input: Partial<ScopeInput>) {
  const s = stagedScope({ nodes, problemFiles: [], stagedFiles: [], touchedIds: [], stagedOther: [], whole: false, ...input });
  return { files: [...s.files].sort(), staged: s.staged, dependents: s.dependents, context: [...s.context].sort() };
}

// @sdd git-hooks/HOOK-002
describe('stagedScope', () => {
  // a ← b ← c (c depends on b, b on a); d depends on c and on x; x and y stand alone.
  const graph = [node('a'), node('b', ['a']), node('c', ['b']), node('d', ['c', 'x']), node('x', ['y']), node('y')];

  it('a staged spec brings its transitive dependents; the context adds their direct dependencies only', () => {
    assert.deepEqual(scope(graph, { stagedFiles: [f('b')] }), {
      files: [f('b'), f('c'), f('d')],
      staged: [f('b')],
      dependents: [f('c'), f('d')],
      context: [f('a'), f('b'), f('c'), f('d'), f('x')],
    });
  });

  it('a leaf brings nothing but itself and what it depends on', () => {
    assert.deepEqual(scope(graph, { stagedFiles: [f('d')] }).files, [f('d')]);
    assert.deepEqual(scope(graph, { stagedFiles: [f('d')] }).context, [f('c'), f('d'), f('x')]);
  });

  it('a touched id without a file (deleted or renamed away) brings its dependents', () => {
    const nodes = graph.filter((n) => n.id !== 'a');
    const s = scope(nodes, { touchedIds: ['a'] });
    assert.deepEqual(s.files, [f('b'), f('c'), f('d')]);
    assert.deepEqual(s.staged, []);
  });

  it('specs sharing a touched id are in scope, and every spec of an id in the context is seen', () => {
    const nodes = [node('a'), node('a', [], '.sdd/specs/copy.md'), node('b', ['a']), node('z', ['b'], '.sdd/specs/z.md'), node('b', [], '.sdd/specs/b2.md')];
    const s = scope(nodes, { stagedFiles: [f('a')] });
    assert.deepEqual(s.files, ['.sdd/specs/a.md', '.sdd/specs/b.md', '.sdd/specs/copy.md', '.sdd/specs/z.md']);
    // b2 shares b's id: the rules must see it to judge b (unique-id) and z's dependency on b.
    assert.ok(s.context.includes('.sdd/specs/b2.md'));
  });

  it('a cycle through a staged spec lies inside the scope', () => {
    const nodes = [node('p', ['q']), node('q', ['r']), node('r', ['p']), node('s', ['p']), node('t')];
    const s = scope(nodes, { stagedFiles: [f('q')] });
    for (const id of ['p', 'q', 'r', 's']) assert.ok(s.files.includes(f(id)), `${id} in scope`);
    assert.ok(!s.files.includes(f('t')));
  });

  // @sdd git-hooks/HOOK-003
  it('a project-wide change puts every spec and every unparsable file in scope', () => {
    const s = scope(graph, { whole: true, problemFiles: ['.sdd/specs/broken.md'], stagedOther: ['.sdd/config.yaml'] });
    assert.deepEqual(s.files, ['.sdd/config.yaml', '.sdd/specs/broken.md', ...graph.map((n) => n.file)].sort());
    assert.deepEqual(s.context, graph.map((n) => n.file).sort());
  });

  it('staged non-spec files are reported on, and an unparsable staged spec too', () => {
    const s = scope(graph, { stagedFiles: ['.sdd/specs/broken.md'], stagedOther: ['.sdd/approvals/y/1.json'], touchedIds: ['y'] });
    assert.deepEqual(s.files, ['.sdd/approvals/y/1.json', '.sdd/specs/broken.md', f('d'), f('x'), f('y')]);
  });
});

describe('parseRawDiff', () => {
  it('reads additions, deletions and renames with both paths', () => {
    const z = '0'.repeat(40);
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const raw = [`:000000 100644 ${z} ${a} A`, '.sdd/specs/new.md', `:100644 000000 ${a} ${z} D`, 'gone.md', `:100644 100644 ${a} ${b} R087`, '.sdd/specs/old.md', '.sdd/specs/moved.md', ''].join('\0');
    assert.deepEqual(parseRawDiff(raw), [
      { status: 'A', path: '.sdd/specs/new.md', oldBlob: z, newBlob: a },
      { status: 'D', path: 'gone.md', oldBlob: a, newBlob: z },
      { status: 'R', path: '.sdd/specs/moved.md', from: '.sdd/specs/old.md', oldBlob: a, newBlob: b },
    ]);
  });

  it('keeps unusual file names intact (-z output is not quoted)', () => {
    const z = '0'.repeat(40);
    assert.equal(parseRawDiff(`:000000 100644 ${z} ${'c'.repeat(40)} A\0.sdd/specs/sale "50%"\ttab.md\0`)[0].path, '.sdd/specs/sale "50%"\ttab.md');
  });
});

describe('staged paths', () => {
  it('isSpecPath matches the files the index walk reads', () => {
    for (const p of ['.sdd/specs/a.md', '.sdd/specs/x/b.YAML', '.sdd/specs/x/y/c.yml']) assert.equal(isSpecPath(p), true, p);
    for (const p of ['.sdd/specs/.hidden.md', '.sdd/specs/.drafts/a.md', '.sdd/specs/a.txt', '.sdd/config.yaml', 'docs/.sdd/specs/a.md']) assert.equal(isSpecPath(p), false, p);
  });

  it('approvalSpecId names the spec a decision file belongs to', () => {
    assert.equal(approvalSpecId('.sdd/approvals/user-login/2024.json'), 'user-login');
    assert.equal(approvalSpecId('.sdd/approvals/README.md'), null);
    assert.equal(approvalSpecId('.sdd/specs/a.md'), null);
  });
});
