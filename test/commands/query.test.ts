import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd query', () => {
  const repo = makeProject();
  const ids = async (q: string) => {
    const r = await sdd(['query', q, '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    return (parseJsonDocument(r.stdout).specs as Array<{ id: string }>).map((s) => s.id);
  };

  it('answers field conditions from the front matter', async () => {
    assert.deepEqual(await ids('status:draft AND domain:auth'), ['session']);
    assert.deepEqual(await ids('phase>=2'), ['reports', 'session']);
    assert.deepEqual(await ids('depends_on:login'), ['session']);
  });

  it('bare words search the bodies', async () => {
    assert.deepEqual(await ids('expire'), ['session']);
  });

  it('a syntax error exits 2 with a caret under the bad token', async () => {
    const r = await sdd(['query', 'status:draft AND ('], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /\^/);
  });
});
