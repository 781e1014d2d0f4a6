import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/cache/schema.js';
import { sddVersion } from '../../src/core/project/package-info.js';
import { describeRun, hasScript, makeGitRepo, parseJsonDocument, runSddInTty, writeSpec, type RunResult } from '../helpers/cli.js';
import { generateSpecs, renderSpec, writeCorpus } from '../helpers/corpus.js';
import { runSddInProcess } from '../helpers/in-process.js';

/** `sdd cache status`, `clear` and `rebuild`: what they report, and that clearing costs nothing. */

function jsonOf(r: RunResult, what: string): Record<string, unknown> {
  assert.equal(r.code, 0, `${what}\n${describeRun(r)}`);
  assert.equal(r.stderr, '', `${what}: stderr\n${describeRun(r)}`);
  return parseJsonDocument(r.stdout);
}

// @sdd index-cache/IDX-006
describe('e2e: sdd cache status / clear / rebuild', () => {
  const specs = generateSpecs(25, { seed: 17 });
  const requirements = specs.reduce((n, s) => n + s.requirements.length, 0);
  let repo: string;
  let db: string;
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo });

  before(() => {
    repo = makeGitRepo();
    writeCorpus(repo, specs);
    writeSpec(repo, 'broken.md', 'no front matter here\n');
    db = path.join(repo, '.sdd', '.cache', 'sdd.db');
  });

  it('status before any index: reported missing and not created, every file on disk counted as stale', async () => {
    const doc = jsonOf(await sdd('cache', 'status', '--json'), 'status');
    assert.deepEqual({ ...doc, size_bytes: 0 }, {
      version: 1, index: db, existed: false, size_bytes: 0, schema_version: SCHEMA_VERSION, sdd_version: sddVersion(),
      specs: 0, files: 0, unparsable_files: 0, requirements: 0, last_refresh: null,
      stale: { changed: 26, removed: 0, files_on_disk: 26 },
    });
    assert.equal(fs.existsSync(db), false);
  });

  it('status after a read command: counts of specs, files, unparsable files and requirements; nothing stale', async () => {
    const started = Date.now();
    jsonOf(await sdd('list', '--json'), 'list');
    const doc = jsonOf(await sdd('cache', 'status', '--json'), 'status');
    const size = [db, `${db}-wal`].reduce((n, f) => n + (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
    assert.deepEqual({ ...doc, last_refresh: null }, {
      version: 1, index: db, existed: true, size_bytes: size, schema_version: SCHEMA_VERSION, sdd_version: sddVersion(),
      specs: 25, files: 26, unparsable_files: 1, requirements, last_refresh: null,
      stale: { changed: 0, removed: 0, files_on_disk: 26 },
    });
    const refreshed = Date.parse(doc.last_refresh as string);
    assert.ok(refreshed >= started - 1000 && refreshed <= Date.now() + 1000, `last_refresh ${String(doc.last_refresh)}`);
  });

  it('status after edits counts new or changed and deleted files, without refreshing', async () => {
    fs.appendFileSync(path.join(repo, specs[0].file), '\nMore text.\n');
    fs.appendFileSync(path.join(repo, specs[1].file), '\nMore text.\n');
    fs.rmSync(path.join(repo, specs[2].file));
    writeSpec(repo, 'added.md', renderSpec({ ...specs[3], id: 'added', file: '.sdd/specs/added.md' }));
    const stale = { changed: 3, removed: 1, files_on_disk: 26 };
    const first = jsonOf(await sdd('cache', 'status', '--json'), 'status');
    assert.deepEqual(first.stale, stale);
    assert.equal(first.specs, 25, 'status does not refresh');
    const second = jsonOf(await sdd('cache', 'status', '--json'), 'status again');
    assert.deepEqual(second.stale, stale, 'still stale: status never refreshes');

    jsonOf(await sdd('list', '--json'), 'refresh');
    const after = jsonOf(await sdd('cache', 'status', '--json'), 'status after refresh');
    assert.deepEqual(after.stale, { changed: 0, removed: 0, files_on_disk: 26 });
    assert.equal(after.specs, 25);
    assert.equal(after.requirements, requirements - specs[2].requirements.length + specs[3].requirements.length);
  });

  it('status in human form', async () => {
    const r = await sdd('cache', 'status');
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, new RegExp(`^index +${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
    assert.match(r.stdout, new RegExp(`^specs +25 \\(${requirements - specs[2].requirements.length + specs[3].requirements.length} requirements\\)$`, 'm'));
    assert.match(r.stdout, /^files +26 indexed, 1 unparsable, 26 on disk$/m);
    assert.match(r.stdout, /^stale +none$/m);
  });

  it('clear removes the index (and says so); clearing again finds none', async () => {
    const first = jsonOf(await sdd('cache', 'clear', '--json'), 'clear');
    assert.deepEqual(first, { version: 1, ok: true, index: db, removed: true });
    assert.equal(fs.existsSync(db), false);
    assert.deepEqual(fs.readdirSync(path.dirname(db)).filter((f) => f.startsWith('sdd.db')), []);
    const again = jsonOf(await sdd('cache', 'clear', '--json'), 'clear again');
    assert.deepEqual(again, { version: 1, ok: true, index: db, removed: false });
    const plain = await sdd('cache', 'clear');
    assert.equal(plain.code, 0, describeRun(plain));
    assert.equal(plain.stdout, `No index at ${db}\n`);
  });

  it('after clear, the next command rebuilds the index and answers correctly', async () => {
    const doc = jsonOf(await sdd('list', '--json'), 'list after clear');
    const expected = [...specs.slice(0, 2), ...specs.slice(3)].map((s) => s.id).concat('added').sort();
    assert.deepEqual((doc.specs as Array<{ id: string }>).map((s) => s.id), expected);
    assert.ok(fs.existsSync(db));
    const status = jsonOf(await sdd('cache', 'status', '--json'), 'status');
    assert.equal(status.existed, true);
    assert.equal(status.specs, 25);
    assert.deepEqual(status.stale, { changed: 0, removed: 0, files_on_disk: 26 });
    const clear = await sdd('cache', 'clear');
    assert.equal(clear.stdout, `Removed ${db}\n`);
  });

  it('rebuild reports files and specs', async () => {
    const doc = jsonOf(await sdd('cache', 'rebuild', '--json'), 'rebuild');
    assert.deepEqual({ ...doc, duration_ms: 0 }, { version: 1, ok: true, index: db, files: 26, specs: 25, duration_ms: 0 });
    assert.ok(Number.isInteger(doc.duration_ms) && (doc.duration_ms as number) >= 0);
  });

  it('rebuild leaves the same tables and indexes as a new index (it drops some while it inserts)', async () => {
    const layout = () => {
      const conn = new Database(db, { readonly: true });
      try {
        return conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name").all();
      } finally {
        conn.close();
      }
    };
    await sdd('cache', 'clear');
    jsonOf(await sdd('list', '--json'), 'list on a new index');
    const created = layout();
    assert.ok(created.some((o: any) => o.name === 'specs_status' && o.type === 'index'), 'a new index has its indexes');
    jsonOf(await sdd('cache', 'rebuild', '--json'), 'rebuild');
    assert.deepEqual(layout(), created);
    const plan = jsonOf(await sdd('query', 'status:draft', '--sql', '--json'), 'query after rebuild');
    assert.ok(plan, 'the rebuilt index answers');
  });
});

// @sdd index-cache/IDX-001
describe('e2e: cache.path in the config moves the index', () => {
  it('status, a read command and clear all use the configured file', async () => {
    const repo = makeGitRepo();
    writeCorpus(repo, generateSpecs(3, { seed: 2 }));
    fs.writeFileSync(path.join(repo, '.sdd', 'config.yaml'), 'version: 1\ncache:\n  path: .cache/elsewhere.db\n');
    const file = path.join(repo, '.sdd', '.cache', 'elsewhere.db');
    jsonOf(await runSddInProcess(['list', '--json'], { cwd: repo }), 'list');
    assert.ok(fs.existsSync(file));
    assert.equal(fs.existsSync(path.join(repo, '.sdd', '.cache', 'sdd.db')), false);
    const status = jsonOf(await runSddInProcess(['cache', 'status', '--json'], { cwd: repo }), 'status');
    assert.equal(status.index, file);
    assert.equal(status.specs, 3);
    assert.deepEqual(jsonOf(await runSddInProcess(['cache', 'clear', '--json'], { cwd: repo }), 'clear'), { version: 1, ok: true, index: file, removed: true });
    assert.equal(fs.existsSync(file), false);
  });
});

describe('e2e: sdd cache rebuild progress', { skip: hasScript() ? false : 'needs util-linux `script` for a pseudo-terminal' }, () => {
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    writeCorpus(repo, generateSpecs(600, { seed: 5 }));
  });

  it('draws a progress bar on a terminal for a large project, and clears it', async () => {
    // ink draws only the last frame when it thinks it runs in CI, which the test runner may.
    const r = await runSddInTty(['cache', 'rebuild'], { cwd: repo, env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined }, size: { rows: 24, cols: 100 } });
    assert.equal(r.code, 0, r.output);
    const frames = [...r.output.matchAll(/(\d+)%  (\d+)\/600 specs/g)].map((m) => Number(m[2]));
    assert.ok(frames.length >= 2, `expected several frames of the bar:\n${r.output}`);
    assert.ok(frames.every((n, i) => i === 0 || n >= frames[i - 1]), 'the bar only moves forward');
    assert.match(r.output, /Indexed 600 specs from 600 files in \d+ ms/);
  });

  it('draws nothing on a pipe', async () => {
    const r = await runSddInProcess(['cache', 'rebuild'], { cwd: repo, env: { CI: undefined } });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr.replace(/^index: .*\n$/, ''), '');
    assert.match(r.stdout, /^Indexed 600 specs from 600 files in \d+ ms\n$/);
  });
});
