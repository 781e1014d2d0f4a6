import { before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describeRun, makeGitRepo, parseJsonDocument, runSdd, type RunResult } from '../helpers/cli.js';
import { generateSpecs, seededRandom, writeCorpus } from '../helpers/corpus.js';

/**
 * The index is derived data: whatever happens to the database file — deleted, overwritten,
 * truncated, of another version, deleted mid-rebuild, hammered by several processes — every
 * command still answers from the files, exits 0 and prints nothing on stderr.
 */

const DB = '.sdd/.cache/sdd.db';

function jsonOf(r: RunResult, what: string): Record<string, unknown> {
  assert.equal(r.code, 0, `${what}\n${describeRun(r)}`);
  assert.equal(r.stderr, '', `${what}: stderr must stay empty\n${describeRun(r)}`);
  return parseJsonDocument(r.stdout);
}

const idsOf = (doc: Record<string, unknown>) => (doc.specs as Array<{ id: string }>).map((s) => s.id);

/** Overwrites `length` bytes at `offset` of `file` with seeded noise. */
function scribble(file: string, offset: number, length: number, seed: number): void {
  const random = seededRandom(seed);
  const noise = Buffer.alloc(length);
  for (let i = 0; i < length; i++) noise[i] = Math.floor(random() * 256);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, noise, 0, length, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** Page numbers (1-based) and page size of the b-tree pages holding `table`. */
function pagesOf(file: string, table: string): { pages: number[]; pageSize: number } {
  const db = new Database(file, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').pluck().all(table) as number[];
    return { pages, pageSize };
  } finally {
    db.close();
  }
}

// @sdd index-cache/IDX-002
describe('e2e: a damaged index is rebuilt silently', () => {
  const specs = generateSpecs(150, { seed: 7 });
  const allIds = specs.map((s) => s.id);
  const reviewIds = specs.filter((s) => s.status === 'review').map((s) => s.id);
  let repo: string;
  let db: string;
  const sdd = (...args: string[]) => runSdd(args, { cwd: repo });

  let pristine: string;

  /** list --json and a query both answer from the files, the way they did before the damage. */
  async function assertAnswersCorrectly(what: string): Promise<void> {
    assert.deepEqual(idsOf(jsonOf(await sdd('list', '--json'), `${what}: list`)), allIds, `${what}: list`);
    // The rescued index is whole again: the next commands need no second rescue.
    const [query, verify] = await Promise.all([sdd('query', 'status:review', '--json'), sdd('cache', 'verify', '--json')]);
    assert.deepEqual(idsOf(jsonOf(query, `${what}: query`)), reviewIds, `${what}: query`);
    assert.equal(verify.code, 0, `${what}: verify\n${describeRun(verify)}`);
  }

  before(async () => {
    repo = makeGitRepo();
    db = path.join(repo, DB);
    writeCorpus(repo, specs);
    assert.ok(reviewIds.length > 0 && reviewIds.length < allIds.length);
    await assertAnswersCorrectly('first run');
    pristine = path.join(repo, 'pristine.db');
    fs.copyFileSync(db, pristine);
  });

  // Every case starts from a healthy, up-to-date index, whatever the previous case left behind.
  beforeEach(() => {
    fs.mkdirSync(path.dirname(db), { recursive: true });
    for (const f of [`${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
    fs.copyFileSync(pristine, db);
  });

  it('the database file deleted between commands', async () => {
    fs.rmSync(db);
    await assertAnswersCorrectly('deleted db');
    assert.ok(fs.existsSync(db), 'the index was recreated');
  });

  it('the whole cache folder deleted between commands', async () => {
    fs.rmSync(path.dirname(db), { recursive: true });
    await assertAnswersCorrectly('deleted .cache');
  });

  it('the database overwritten with garbage bytes, end to end', async () => {
    scribble(db, 0, fs.statSync(db).size, 1);
    await assertAnswersCorrectly('garbage file');
  });

  it('garbage over the database header', async () => {
    scribble(db, 0, 100, 2);
    await assertAnswersCorrectly('garbage header');
  });

  it('garbage over every page but the first', async () => {
    const size = fs.statSync(db).size;
    scribble(db, 4096, size - 4096, 3);
    await assertAnswersCorrectly('garbage after page 1');
  });

  it('garbage over the pages of the specs table (the header and schema intact)', async () => {
    const { pages, pageSize } = pagesOf(db, 'specs');
    assert.ok(pages.length > 2, `specs spans ${pages.length} pages`);
    // Keep the root page: opening and the freshness check still succeed, the damage shows later.
    for (const p of pages.slice(1)) scribble(db, (p - 1) * pageSize, pageSize, p);
    await assertAnswersCorrectly('garbage in specs pages');
  });

  it('the database truncated to half its size', async () => {
    fs.truncateSync(db, Math.floor(fs.statSync(db).size / 2));
    await assertAnswersCorrectly('truncated to half');
  });

  it('the database truncated to zero bytes', async () => {
    fs.truncateSync(db, 0);
    await assertAnswersCorrectly('truncated to zero');
  });

  it('PRAGMA user_version set to another number', async () => {
    const handle = new Database(db);
    const before = handle.pragma('user_version', { simple: true }) as number;
    handle.pragma(`user_version = ${before + 40}`);
    handle.close();
    await assertAnswersCorrectly('other user_version');
    const after = new Database(db, { readonly: true });
    try {
      assert.equal(after.pragma('user_version', { simple: true }), before, 'the index was rebuilt at the current schema version');
    } finally {
      after.close();
    }
  });

  it('the index written by another sdd version', async () => {
    const handle = new Database(db);
    handle.prepare("UPDATE meta SET value = '0.0.0-older' WHERE key = 'sdd_version'").run();
    handle.close();
    await assertAnswersCorrectly('other sdd version');
  });

  it('a database whose rows disagree with the files (a spec row deleted behind sdd\'s back) is not trusted blindly by verify', async () => {
    const handle = new Database(db);
    handle.prepare('DELETE FROM specs WHERE id = ?').run(allIds[3]);
    handle.close();
    const verify = await sdd('cache', 'verify', '--json');
    assert.equal(verify.code, 1, describeRun(verify));
    const drift = parseJsonDocument(verify.stdout).drift as Array<{ file: string; problem: string }>;
    assert.deepEqual(drift.map((d) => [d.file, d.problem]), [[specs[3].file, 'metadata-mismatch']]);
    // A rebuild repairs it.
    jsonOf(await sdd('cache', 'rebuild', '--json'), 'rebuild');
    await assertAnswersCorrectly('after rebuild');
  });
});

describe('e2e: the index deleted while a long rebuild runs', () => {
  const specs = generateSpecs(2000, { seed: 11, padding: 6 });
  let repo: string;
  const sdd = (...args: string[]) => runSdd(args, { cwd: repo });

  before(async () => {
    repo = makeGitRepo();
    writeCorpus(repo, specs);
    jsonOf(await sdd('cache', 'rebuild', '--json'), 'first rebuild');
  });

  for (const delayMs of [100, 400]) {
    it(`deleting the database ${delayMs} ms into \`sdd cache rebuild\` fails neither it nor the next command`, async () => {
      const running = sdd('cache', 'rebuild', '--json');
      await sleep(delayMs);
      const db = path.join(repo, DB);
      for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) fs.rmSync(f, { force: true });
      const rebuilt = jsonOf(await running, 'rebuild during delete');
      assert.equal(rebuilt.specs, 2000);
      assert.equal(rebuilt.files, 2000);
      const list = jsonOf(await sdd('list', '--json'), 'next command');
      assert.equal(list.count, 2000);
      assert.deepEqual(idsOf(list), specs.map((s) => s.id));
    });
  }
});

// @sdd index-cache/IDX-005
describe('e2e: concurrent readers and a rebuilding writer', () => {
  const specs = generateSpecs(1000, { seed: 13 });
  const expected = specs.filter((s) => s.status === 'review').map((s) => s.id);
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    writeCorpus(repo, specs);
  });

  it('4 processes querying 5 times each while another rebuilds: every answer is right, no failure', async () => {
    // No index yet: the first readers and the writer also race to create it.
    const failures: string[] = [];
    let readersDone = false;
    const reader = async (n: number) => {
      for (let i = 0; i < 5; i++) {
        const r = await runSdd(['query', 'status:review', '--json'], { cwd: repo });
        if (r.code !== 0 || r.stderr !== '') failures.push(`reader ${n} run ${i}: ${describeRun(r)}`);
        else {
          const doc = parseJsonDocument(r.stdout);
          if (doc.count !== expected.length || JSON.stringify(idsOf(doc)) !== JSON.stringify(expected)) failures.push(`reader ${n} run ${i}: count ${String(doc.count)}, expected ${expected.length}`);
        }
      }
    };
    let rebuilds = 0;
    const writer = async () => {
      while (!readersDone || rebuilds === 0) {
        const r = await runSdd(['cache', 'rebuild', '--json'], { cwd: repo });
        rebuilds++;
        if (r.code !== 0 || r.stderr !== '') failures.push(`rebuild ${rebuilds}: ${describeRun(r)}`);
        else if (parseJsonDocument(r.stdout).specs !== specs.length) failures.push(`rebuild ${rebuilds}: ${r.stdout}`);
      }
    };
    const writing = writer();
    await Promise.all([0, 1, 2, 3].map(reader));
    readersDone = true;
    await writing;
    assert.deepEqual(failures, []);
    assert.ok(rebuilds >= 2, `only ${rebuilds} rebuild ran alongside the readers`);
  });
});
