import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openCache } from '../../src/cache/open.js';
import { makeTempDir, markdownSpec, writeFile } from '../helpers/cli.js';

function project(): string {
  const root = makeTempDir('sdd-cache-open-');
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/specs/a.md', markdownSpec({ id: 'a', title: 'A', status: 'draft' }, '# A\n'));
  return root;
}

describe('cache: openCache', () => {
  it('opens the index of the project above cwd, refreshed, with its specs', async () => {
    const root = project();
    const cache = await openCache(`${root}/.sdd/specs`);
    assert.equal(cache.project.paths.root, root);
    assert.ok(cache.refresh?.changed);
    assert.deepEqual(cache.specs().map((s) => s.id), ['a']);
    assert.equal(cache.specs(), cache.specs(), 'read once per session');
    cache.close();
  });

  it('with refresh: false, opens the index as it stands', async () => {
    const root = project();
    (await openCache(root)).close();
    writeFile(root, '.sdd/specs/b.md', markdownSpec({ id: 'b', title: 'B', status: 'draft' }, '# B\n'));
    const stale = await openCache(root, { refresh: false });
    assert.equal(stale.refresh, null);
    assert.deepEqual(stale.specs().map((s) => s.id), ['a']);
    stale.close();
  });

  it('remembers the verdicts a use case adds, and only those', async () => {
    const root = project();
    const first = await openCache(root);
    const seen = await first.withVerifications((verified) => {
      const before = verified.size;
      verified.set('k1', { ok: true });
      verified.set('k2', { ok: false, reason: 'unknown-key', message: 'not listed' });
      return before;
    });
    assert.equal(seen, 0);
    first.close();
    const second = await openCache(root);
    const remembered = await second.withVerifications((verified) => new Map(verified));
    assert.deepEqual(remembered, new Map<string, unknown>([['k1', { ok: true }], ['k2', { ok: false, reason: 'unknown-key', message: 'not listed' }]]));
    second.close();
  });
});
