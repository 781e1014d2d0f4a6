import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { expectGolden, normalise } from '../helpers/golden.js';
import { LOGIN, makeProject } from '../helpers/project.js';

/** The 1-based line of `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('sdd show', () => {
  const repo = makeProject();

  it('shows metadata, requirements with their lines, dependencies and dependents (golden)', async () => {
    const r = await sdd(['show', 'login'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    expectGolden('show-login.txt', normalise(r.stdout, repo));
  });

  it('--json lists the requirements the file holds and the spec that depends on it', async () => {
    const r = await sdd(['show', 'login', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const doc = parseJsonDocument(r.stdout);
    const spec = doc.spec as { requirements: Array<{ id: string; keyword: string; line: number }>; dependents: string[] };
    assert.deepEqual(spec.requirements.map((q) => [q.id, q.keyword, q.line]), [['REQ-001', 'MUST', lineOf(LOGIN, '**REQ-001**')], ['REQ-002', 'SHOULD', lineOf(LOGIN, '**REQ-002**')]]);
    assert.deepEqual(spec.dependents, ['session']);
  });

  it('an unknown id exits 2 and names the problem on stderr', async () => {
    const r = await sdd(['show', 'nope'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Error: /);
    assert.match(r.stderr, /^Fix: /m);
  });
});
