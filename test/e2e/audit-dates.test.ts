import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, makeGitRepo, runSdd, writeSpec, markdownSpec } from '../helpers/cli.js';

/** `sdd audit` reads --since/--until with the same strict date parser as the query language. */
describe('e2e: audit --since / --until are strict ISO dates', () => {
  let repo: string;
  before(() => {
    repo = makeGitRepo();
    writeSpec(repo, 'a.md', markdownSpec({ id: 'a', title: 'A', status: 'draft' }));
  });

  const rows: Array<[args: string[], message: string]> = [
    [['audit', 'logs', '--since', '1'], 'Error: --since "1" is not a date'],
    [['audit', 'logs', '--since', '2024-02-30'], 'Error: --since "2024-02-30" is not a date'],
    [['audit', 'logs', '--until', '2024-13-45'], 'Error: --until "2024-13-45" is not a date'],
    [['audit', 'export', '--format', 'json', '--since', 'yesterday'], 'Error: --since "yesterday" is not a date'],
  ];
  for (const [args, message] of rows) {
    it(`sdd ${args.join(' ')} → exit 2`, async () => {
      const r = await runSdd(args, { cwd: repo });
      assert.equal(r.code, 2, describeRun(r));
      assert.equal(r.stderr.split('\n')[0], message);
    });
  }

  it('a real date is accepted', async () => {
    const r = await runSdd(['audit', 'logs', '--since', '2024-02-29', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
  });
});
