import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describeRun, git, makeGitRepo, makeTempDir, parseJsonDocument, runSdd, writeFile, type RunResult } from '../helpers/cli.js';
import { copyProject, generateSpecs, readSpecSummaries, renderSpec, writeCorpus, type CorpusSpec, type SummaryJson } from '../helpers/corpus.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * After every kind of change to the spec files — edits, additions, deletions, renames, edits that
 * keep size and mtime, git checkouts and stashes, in and out of git — the next read command sees
 * exactly what is on disk. "Exactly" is judged three ways: against the files parsed here with the
 * `yaml` package, against a from-scratch `sdd cache rebuild` of a copy, and by `sdd cache verify`.
 */

type Snapshot = Map<string, string>;

/** sha1 of every spec file under .sdd/specs (what the index should hold after a refresh). */
function snapshotSpecs(root: string): Snapshot {
  const out: Snapshot = new Map();
  const visit = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) visit(path.join(dir, e.name), `${rel}/${e.name}`);
      else if (/\.(md|ya?ml)$/.test(e.name)) out.set(`${rel}/${e.name}`, crypto.createHash('sha1').update(fs.readFileSync(path.join(dir, e.name))).digest('hex'));
    }
  };
  visit(path.join(root, '.sdd', 'specs'), '.sdd/specs');
  return out;
}

/** What `sdd cache verify` must report between a change and the next refresh. */
function expectedDrift(indexed: Snapshot, now: Snapshot): Array<[string, string]> {
  const drift: Array<[string, string]> = [];
  for (const [file, hash] of now) {
    if (!indexed.has(file)) drift.push([file, 'not-indexed']);
    else if (indexed.get(file) !== hash) drift.push([file, 'content-changed']);
  }
  for (const file of indexed.keys()) if (!now.has(file)) drift.push([file, 'file-missing']);
  return drift.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function jsonOf(r: RunResult, what: string): Record<string, unknown> {
  assert.equal(r.code, 0, `${what}\n${describeRun(r)}`);
  assert.equal(r.stderr, '', `${what}: stderr\n${describeRun(r)}`);
  return parseJsonDocument(r.stdout);
}

/** The summaries a rebuilt index holds, read straight from its database, in `sdd list` order. */
function summariesInIndex(file: string): SummaryJson[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, title, status, kind, phase, domain, owner, tags, depends_on, path FROM specs ORDER BY id, path').all() as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as string, title: r.title as string, status: r.status as string, kind: r.kind as string, phase: r.phase as number | string | null,
      domain: r.domain as string | null, owner: r.owner as string | null, tags: JSON.parse(r.tags as string) as string[],
      depends_on: JSON.parse(r.depends_on as string) as string[], file: r.path as string,
    }));
  } finally {
    db.close();
  }
}

/** Tracks one project: what its index held after the last refresh, and checks the next one. */
class FreshnessProbe {
  private indexed: Snapshot = new Map();
  constructor(readonly root: string) {}

  /** Runs a command so the index is refreshed, and remembers what it now holds. */
  async prime(): Promise<void> {
    jsonOf(await runSddInProcess(['list', '--json'], { cwd: this.root }), 'prime');
    this.indexed = snapshotSpecs(this.root);
  }

  /**
   * The full check after a change: verify (before any refresh) reports exactly the changed files
   * and exits 1 (0 when no bytes changed); then list and query answer from the files, the same
   * as a from-scratch rebuild of a copy holds; then verify exits 0.
   */
  async check(what: string, expectDrift = true): Promise<void> {
    const sdd = (...args: string[]) => runSddInProcess(args, { cwd: this.root });
    const now = snapshotSpecs(this.root);
    const drift = expectedDrift(this.indexed, now);
    assert.equal(drift.length > 0, expectDrift, `${what}: the change ${expectDrift ? 'should' : 'should not'} alter the bytes of a spec file`);

    // The copy is rebuilt while the original's staleness is checked; verify must not refresh.
    const copy = makeTempDir('sdd-fresh-copy-');
    copyProject(this.root, copy);
    const [stale, rebuilt] = await Promise.all([sdd('cache', 'verify', '--json'), runSddInProcess(['cache', 'rebuild', '--json'], { cwd: copy })]);
    assert.equal(stale.code, drift.length ? 1 : 0, `${what}: verify right after the change\n${describeRun(stale)}`);
    assert.equal(stale.stderr, '');
    const staleDoc = parseJsonDocument(stale.stdout);
    assert.deepEqual((staleDoc.drift as Array<{ file: string; problem: string }>).map((d) => [d.file, d.problem]), drift, `${what}: verify lists the changed files`);

    const expected = readSpecSummaries(this.root);
    assert.equal(jsonOf(rebuilt, `${what}: rebuild of a copy`).specs, expected.length);
    // Two commands refresh at once here, as they may in real life (two processes: one spawned);
    // both must see the change.
    const [list, query] = await Promise.all([sdd('list', '--json'), runSdd(['query', 'status:review OR title:rev*', '--json'], { cwd: this.root })]);
    const listDoc = jsonOf(list, `${what}: list`);
    assert.deepEqual(listDoc.specs, expected, `${what}: list --json equals the files`);
    assert.equal(listDoc.count, expected.length);
    const reviewIds = expected.filter((s) => s.status === 'review' || s.title.toLowerCase().startsWith('rev')).map((s) => s.id);
    assert.deepEqual((jsonOf(query, `${what}: query`).specs as Array<{ id: string }>).map((s) => s.id), reviewIds, `${what}: query`);
    assert.deepEqual(listDoc.specs, summariesInIndex(path.join(copy, '.sdd/.cache/sdd.db')), `${what}: same answer as a fresh rebuild`);

    const verify = await sdd('cache', 'verify', '--json');
    assert.equal(verify.code, 0, `${what}: verify after the refresh\n${describeRun(verify)}`);
    this.indexed = now;
  }
}

function setStatus(root: string, rel: string, status: string): void {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^status: /m);
  fs.writeFileSync(file, text.replace(/^status: .*$/m, `status: ${status}`));
}

/** A fixed, whole-second mtime: exactly representable, so it can be restored bit for bit. */
const OLD_TIME = 1_600_000_000;

/**
 * Swaps two different characters of the title in place: same size, same inode, and the mtime set
 * back to what it was. Only ctime (which cannot be set back) and the bytes differ.
 */
function sameSizeEdit(root: string, rel: string): void {
  const file = path.join(root, rel);
  const before = fs.statSync(file);
  assert.equal(before.mtimeMs, OLD_TIME * 1000, 'the file was given a whole-second mtime before the last refresh');
  const text = fs.readFileSync(file, 'utf8');
  const m = /^title: (.*)$/m.exec(text)!;
  const title = m[1];
  let i = 0;
  while (title[i] === title[i + 1]) i++;
  const swapped = title.slice(0, i) + title[i + 1] + title[i] + title.slice(i + 2);
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, text.replace(/^title: .*$/m, `title: ${swapped}`));
  fs.closeSync(fd);
  fs.utimesSync(file, OLD_TIME, OLD_TIME);
  const after = fs.statSync(file);
  assert.equal(after.size, before.size);
  assert.equal(after.mtimeMs, before.mtimeMs);
  assert.equal(after.ino, before.ino);
  assert.notEqual(fs.readFileSync(file, 'utf8'), text);
}

function extraSpec(id: string, status: string, title = `Extra ${id}`): string {
  return renderSpec({
    id, file: '', title, status, phase: 1, domain: 'auth', owner: 'erin@example.test', tags: ['new'], dependsOn: [],
    priority: null, estimate: null, created: '2024-01-01', updated: '2024-01-02', requirements: [], body: '\n# Extra\n',
  } satisfies CorpusSpec);
}

const add = (root: string, rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

// The two projects are independent; checking them side by side uses the gaps between spawns.
describe('e2e: index freshness', { concurrency: true }, () => {
// @sdd index-cache/IDX-003
// Within one project the steps build on each other: strictly one after another.
describe('e2e: the index follows the files in a git repository', { concurrency: 1 }, () => {
  const specs = generateSpecs(30, { seed: 5 });
  let repo: string;
  let probe: FreshnessProbe;
  let mainBranch: string;
  const [a, b, c, e, f] = specs.slice(3, 8);

  before(async () => {
    repo = makeGitRepo();
    writeCorpus(repo, specs);
    fs.writeFileSync(path.join(repo, '.gitignore'), '.sdd/specs/ignored.md\n');
    fs.utimesSync(path.join(repo, e.file), OLD_TIME, OLD_TIME);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'specs');
    mainBranch = git(repo, 'rev-parse', '--abbrev-ref', 'HEAD');
    probe = new FreshnessProbe(repo);
    await probe.prime();
  });

  it('status edited in a committed (clean) file', async () => {
    setStatus(repo, a.file, a.status === 'review' ? 'approved' : 'review');
    await probe.check('edit committed');
  });

  it('a spec added (untracked)', async () => {
    add(repo, '.sdd/specs/auth/new-one.md', extraSpec('new-one', 'draft'));
    fs.utimesSync(path.join(repo, '.sdd/specs/auth/new-one.md'), OLD_TIME, OLD_TIME);
    await probe.check('add');
  });

  it('status edited in the untracked file', async () => {
    setStatus(repo, '.sdd/specs/auth/new-one.md', 'review');
    fs.utimesSync(path.join(repo, '.sdd/specs/auth/new-one.md'), OLD_TIME, OLD_TIME);
    await probe.check('edit untracked');
  });

  it('same-size edit of the untracked file, mtime restored', async () => {
    sameSizeEdit(repo, '.sdd/specs/auth/new-one.md');
    await probe.check('same-size untracked');
  });

  // @sdd index-cache/IDX-004
  it('same-size edit of a committed file, mtime restored', async () => {
    sameSizeEdit(repo, e.file);
    await probe.check('same-size committed');
  });

  it('a spec deleted', async () => {
    fs.rmSync(path.join(repo, b.file));
    await probe.check('delete');
  });

  it('a spec file renamed', async () => {
    fs.renameSync(path.join(repo, c.file), path.join(repo, '.sdd/specs/renamed.md'));
    await probe.check('rename');
  });

  it('a gitignored spec file added, then edited keeping size and mtime', async () => {
    add(repo, '.sdd/specs/ignored.md', extraSpec('ignored-spec', 'review', 'Ignored draft'));
    fs.utimesSync(path.join(repo, '.sdd/specs/ignored.md'), OLD_TIME, OLD_TIME);
    assert.equal(git(repo, 'check-ignore', '.sdd/specs/ignored.md'), '.sdd/specs/ignored.md');
    await probe.check('add ignored');
    sameSizeEdit(repo, '.sdd/specs/ignored.md');
    await probe.check('same-size ignored');
  });

  it('git checkout of a branch that changes, deletes and adds specs, and back', async () => {
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'edits');
    await probe.prime();
    git(repo, 'checkout', '-q', '-b', 'other');
    setStatus(repo, f.file, f.status === 'review' ? 'implemented' : 'review');
    fs.rmSync(path.join(repo, specs[10].file));
    add(repo, '.sdd/specs/billing/branch-only.md', extraSpec('branch-only', 'review'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'branch changes');
    await probe.check('on the branch');
    git(repo, 'checkout', '-q', mainBranch);
    await probe.check('back on main');
  });

  it('git stash and stash pop', async () => {
    setStatus(repo, specs[12].file, specs[12].status === 'review' ? 'draft' : 'review');
    add(repo, '.sdd/specs/search/stashed.md', extraSpec('stashed', 'review'));
    git(repo, 'add', '.sdd/specs/search/stashed.md');
    await probe.check('before stash');
    git(repo, 'stash', '-q');
    await probe.check('stashed');
    git(repo, 'stash', 'pop', '-q');
    await probe.check('popped');
  });

  it('verify lists the changed file in human output too, and exits 1', async () => {
    setStatus(repo, specs[20].file, 'deprecated');
    const r = await runSddInProcess(['cache', 'verify'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stdout, new RegExp(`^${specs[20].file.replace(/\./g, '\\.')}: content-changed: `, 'm'));
    assert.match(r.stdout, /1 difference between the index and the files/);
    await probe.prime();
    const fresh = await runSddInProcess(['cache', 'verify'], { cwd: repo });
    assert.equal(fresh.code, 0, describeRun(fresh));
    assert.match(fresh.stdout, /^✓ index matches the files \(\d+ files, \d+ specs\)$/m);
  });
});

/**
 * The no-change check skips the walk when git status of the tracked specs, the stat of the spec
 * files git does not track and the stat of every folder are as they were. Folders changed within
 * two seconds of a refresh are not trusted (timestamp granularity), so the block above mostly
 * walks; here each change comes after a quiet spell, once the check is seen taking its short cut.
 */
// Spawned: the short cut is the launcher's prefetched git status (bin/sdd.js), which only a real process has.
describe('e2e: the index follows the files when the short no-change check is in use', { concurrency: 1 }, () => {
  const specs = generateSpecs(12, { seed: 8 });
  let repo: string;
  let probe: FreshnessProbe;

  /** Waits out the racy window, then shows that a read takes the short cut. */
  async function settle(): Promise<void> {
    await sleep(2100);
    jsonOf(await runSdd(['list', '--json'], { cwd: repo }), 'settle');
    const r = await runSdd(['list', '--count'], { cwd: repo, env: { SDD_PROFILE: '1' } });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stderr, /refresh: no change \(fingerprint\)/, `the next read takes the short cut\n${describeRun(r)}`);
    await probe.prime();
  }

  before(async () => {
    repo = makeGitRepo();
    writeCorpus(repo, specs);
    fs.writeFileSync(path.join(repo, '.gitignore'), '.sdd/specs/ignored.md\n');
    fs.utimesSync(path.join(repo, specs[2].file), OLD_TIME, OLD_TIME);
    fs.utimesSync(path.join(repo, specs[3].file), OLD_TIME, OLD_TIME);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'specs');
    probe = new FreshnessProbe(repo);
  });

  it('git status is started by the launcher, before the bundle, and its answer is the one used', async () => {
    await settle();
    const r = await runSdd(['list', '--count'], { cwd: repo, env: { SDD_PROFILE: '1' } });
    assert.equal(r.code, 0, describeRun(r));
    const marks = r.stderr.split('\n').map((l) => /^\s*[\d.]+ ms {2}(.*)$/.exec(l)?.[1]).filter(Boolean);
    const at = (name: string) => marks.findIndex((m) => m!.startsWith(name));
    assert.equal(marks.filter((m) => m === 'prefetch: spawning git status').length, 1, `git status runs once\n${describeRun(r)}`);
    assert.ok(at('prefetch: spawning git status') < at('bundle: evaluated'), `spawned before the bundle ran\n${describeRun(r)}`);
    assert.ok(at('refresh: git status (prefetched)') >= 0, `the refresh took the prefetched answer\n${describeRun(r)}`);
    assert.equal(at('refresh: git status (run now)'), -1, describeRun(r));
  });

  it('an untracked spec added to a folder', async () => {
    await settle();
    add(repo, '.sdd/specs/auth/quiet-new.md', extraSpec('quiet-new', 'review'));
    fs.utimesSync(path.join(repo, '.sdd/specs/auth/quiet-new.md'), OLD_TIME, OLD_TIME);
    await probe.check('untracked added');
  });

  it('same-size edit of the untracked spec, mtime restored', async () => {
    await settle();
    sameSizeEdit(repo, '.sdd/specs/auth/quiet-new.md');
    await probe.check('untracked same-size edit');
  });

  it('the untracked spec renamed within its folder', async () => {
    await settle();
    fs.renameSync(path.join(repo, '.sdd/specs/auth/quiet-new.md'), path.join(repo, '.sdd/specs/auth/quiet-renamed.md'));
    await probe.check('untracked renamed');
  });

  it('a spec added in a new folder', async () => {
    await settle();
    add(repo, '.sdd/specs/fresh/deeper/quiet-deep.md', extraSpec('quiet-deep', 'draft'));
    await probe.check('new folder');
  });

  it('a gitignored spec added, then edited keeping size and mtime', async () => {
    await settle();
    add(repo, '.sdd/specs/ignored.md', extraSpec('quiet-ignored', 'review', 'Ignored quietly'));
    fs.utimesSync(path.join(repo, '.sdd/specs/ignored.md'), OLD_TIME, OLD_TIME);
    await probe.check('ignored added');
    await settle();
    sameSizeEdit(repo, '.sdd/specs/ignored.md');
    await probe.check('ignored same-size edit');
  });

  it('same-size edit of a committed spec, mtime restored', async () => {
    await settle();
    sameSizeEdit(repo, specs[2].file);
    await probe.check('committed same-size edit');
  });

  it('a committed spec untracked with git rm --cached, then edited keeping size and mtime', async () => {
    git(repo, 'rm', '-q', '--cached', specs[3].file);
    await settle();
    sameSizeEdit(repo, specs[3].file);
    await probe.check('no longer tracked, same-size edit');
  });

  it('the untracked spec deleted', async () => {
    await settle();
    fs.rmSync(path.join(repo, '.sdd/specs/auth/quiet-renamed.md'));
    await probe.check('untracked deleted');
  });
});

// @sdd index-cache/IDX-003
describe('e2e: the index follows the files outside git', { concurrency: 1 }, () => {
  const specs = generateSpecs(20, { seed: 6 });
  let dir: string;
  let probe: FreshnessProbe;

  before(async () => {
    dir = makeTempDir('sdd-nogit-');
    writeCorpus(dir, specs);
    fs.utimesSync(path.join(dir, specs[2].file), OLD_TIME, OLD_TIME);
    // Make sure no enclosing repository answers git status for this folder.
    assert.throws(() => git(dir, 'rev-parse', '--git-dir'));
    probe = new FreshnessProbe(dir);
    await probe.prime();
  });

  it('status edited', async () => {
    setStatus(dir, specs[0].file, specs[0].status === 'review' ? 'approved' : 'review');
    await probe.check('edit');
  });

  it('a spec added', async () => {
    add(dir, '.sdd/specs/storage/added.md', extraSpec('added', 'review'));
    await probe.check('add');
  });

  it('a spec deleted', async () => {
    fs.rmSync(path.join(dir, specs[1].file));
    await probe.check('delete');
  });

  it('a spec file renamed', async () => {
    fs.renameSync(path.join(dir, specs[3].file), path.join(dir, '.sdd/specs/moved.md'));
    await probe.check('rename');
  });

  // @sdd index-cache/IDX-004
  it('same-size edit, mtime restored', async () => {
    sameSizeEdit(dir, specs[2].file);
    await probe.check('same-size');
  });

  it('a file replaced by another of the same size and mtime (new inode)', async () => {
    const file = path.join(dir, specs[4].file);
    const text = fs.readFileSync(file, 'utf8');
    fs.utimesSync(file, OLD_TIME, OLD_TIME);
    await probe.prime();
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, text.replace(/^status: \w+$/m, (line) => line.replace(/\w+$/, (s) => s.split('').reverse().join(''))));
    fs.utimesSync(tmp, OLD_TIME, OLD_TIME);
    fs.renameSync(tmp, file);
    await probe.check('replaced');
  });
});
});

describe('e2e: the index follows the files of a project below the top of the repository', () => {
  it('a second edit of an already modified spec is seen (git lists paths from the top)', async () => {
    const top = makeGitRepo();
    const root = path.join(top, 'packages', 'specs');
    writeFile(root, '.sdd/config.yaml', 'version: 1\n');
    writeFile(root, '.sdd/specs/a.md', '---\nid: a\ntitle: First\nstatus: draft\n---\n# A\n');
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'specs');
    const title = async () => (await runSddInProcess(['list'], { cwd: root })).stdout.trim().split('\t').pop();
    for (const next of ['Second', 'Third', 'Fourth']) {
      writeFile(root, '.sdd/specs/a.md', `---\nid: a\ntitle: ${next}\nstatus: draft\n---\n# A\n`);
      assert.equal(await title(), next);
    }
  });
});
