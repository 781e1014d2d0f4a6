import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeRun, makeGitRepo, parseJsonDocument, startSdd } from '../helpers/cli.js';
import { generateSpecs, writeCorpus } from '../helpers/corpus.js';
import { runSddInProcess } from '../helpers/in-process.js';

describe('e2e: interrupted', () => {
  const specs = generateSpecs(1500, { seed: 5, padding: 6 });
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    writeCorpus(repo, specs);
  });

  it('SIGINT during a rebuild exits 130, and the next command answers from the files', async () => {
    const child = startSdd(['cache', 'rebuild'], { cwd: repo });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    // The database appears once the command runs, after the CLI has set up its SIGINT handler.
    const db = path.join(repo, '.sdd/.cache/sdd.db');
    for (let i = 0; i < 400 && !fs.existsSync(db); i++) await sleep(5);
    assert.ok(fs.existsSync(db), 'the rebuild never opened the index');
    child.kill('SIGINT');
    assert.deepEqual(await exited, { code: 130, signal: null });

    const r = await runSddInProcess(['list', '--count', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(parseJsonDocument(r.stdout).count, specs.length);
  });
});
