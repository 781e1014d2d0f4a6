import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFileAtomic, replaceFileAtomic } from '../../../src/core/shared/fs-atomic.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { makeTempDir } from '../../helpers/cli.js';
import { mountSmallDisk, unmountSmallDisk } from '../../helpers/tmpfs.js';

const FS_ATOMIC = fileURLToPath(new URL('../../../src/core/shared/fs-atomic.js', import.meta.url));
const isRoot = process.getuid?.() === 0;

function sddError(code: string, file: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof SddError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.target?.file, file);
    return true;
  };
}

/** Every entry under `dir`, recursively: what a failed write must not add to. */
const tree = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).sort();

describe('replaceFileAtomic keeps what it replaces', () => {
  it('keeps a private file private (0600 stays 0600)', () => {
    const file = path.join(makeTempDir(), 'secret.md');
    fs.writeFileSync(file, 'old', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    replaceFileAtomic(file, 'new');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('refuses a read-only (0444) file and leaves it as it was', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'frozen.md');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o444);
    assert.throws(() => replaceFileAtomic(file, 'new'), sddError('file_read_only', file));
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.equal(fs.statSync(file).mode & 0o777, 0o444);
    assert.deepEqual(tree(dir), ['frozen.md']);
  });

  it('keeps hard links: every name sees the new content', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, 'old content');
    fs.linkSync(file, path.join(dir, 'b.md'));
    replaceFileAtomic(file, 'new');
    assert.equal(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'), 'new');
    assert.equal(fs.statSync(file).nlink, 2);
    assert.deepEqual(tree(dir), ['a.md', 'b.md']);
  });

  it('keeps a symbolic link a link and writes the file it points to', () => {
    const dir = makeTempDir();
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real', 'spec.md'), 'old');
    fs.symlinkSync('real/spec.md', path.join(dir, 'link.md'));
    replaceFileAtomic(path.join(dir, 'link.md'), 'new');
    assert.ok(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real', 'spec.md'), 'utf8'), 'new');
  });

  it('keeps the owner', { skip: !isRoot && 'needs root to hand the file to another user' }, () => {
    const file = path.join(makeTempDir(), 'theirs.md');
    fs.writeFileSync(file, 'old');
    fs.chownSync(file, 65534, 65534);
    replaceFileAtomic(file, 'new');
    const st = fs.statSync(file);
    assert.deepEqual([st.uid, st.gid], [65534, 65534]);
  });

  it('as another user, refuses a file that user may not write, naming it', { skip: !isRoot && 'needs root to run as nobody' }, () => {
    const dir = makeTempDir();
    fs.chmodSync(dir, 0o777);
    const file = path.join(dir, 'owned-by-root.md');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o644);
    fs.chmodSync(path.dirname(dir), 0o755);
    const script = `import(${JSON.stringify(FS_ATOMIC)}).then((m) => { try { m.replaceFileAtomic(${JSON.stringify(file)}, 'new'); console.log('replaced'); } catch (e) { console.log(e.code, e.target?.file); } })`;
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), `file_not_writable ${file}`);
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(tree(dir), ['owned-by-root.md']);
  });
});

describe('replaceFileAtomic flushes before it renames', () => {
  it('fsyncs the new content before the rename that publishes it', (t) => {
    const dir = makeTempDir();
    const file = path.join(dir, 'spec.md');
    fs.writeFileSync(file, 'old');
    const log = path.join(dir, 'trace.log');
    const script = `import(${JSON.stringify(FS_ATOMIC)}).then((m) => m.replaceFileAtomic(${JSON.stringify(file)}, 'new'))`;
    const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=fsync,fdatasync,rename,renameat,renameat2', '-o', log, process.execPath, '-e', script], { encoding: 'utf8' });
    if (r.error || r.status !== 0 || !fs.existsSync(log)) return t.skip(`strace cannot trace here (${r.error?.message ?? r.stderr.trim().split('\n')[0]})`);
    const lines = fs.readFileSync(log, 'utf8').split('\n');
    const rename = lines.findIndex((l) => /rename/.test(l) && l.includes(file));
    assert.ok(rename > 0, lines.join('\n'));
    assert.ok(lines.slice(0, rename).some((l) => /\bf(data)?sync\(/.test(l)), `no fsync before the rename:\n${lines.join('\n')}`);
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
  });
});

describe('atomic writes on a full disk', () => {
  let mount: string | null = null;
  let reason = '';
  before(() => {
    const disk = mountSmallDisk('64k', 'sdd-full-');
    mount = disk.dir;
    reason = disk.reason ?? '';
  });
  after(() => {
    unmountSmallDisk(mount);
  });

  /** Fills the tmpfs to the last byte, then frees `spare` bytes. */
  function fill(dir: string, spare = 0): void {
    const filler = path.join(dir, 'filler');
    const fd = fs.openSync(filler, 'w');
    const block = Buffer.alloc(4096, 1);
    try {
      for (;;) fs.writeSync(fd, block);
    } catch {
      // ENOSPC: full.
    } finally {
      fs.closeSync(fd);
    }
    if (spare) fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - spare));
  }

  it('createFileAtomic leaves no temp file and no empty folder, and says the disk is full', (t) => {
    if (!mount) return t.skip(reason);
    const root = fs.mkdtempSync(path.join(mount, 'p-'));
    fs.mkdirSync(path.join(root, 'approvals'));
    fill(root);
    const before = tree(root);
    const file = path.join(root, 'approvals', 'login', 'deep', 'decision.yaml');
    assert.throws(() => createFileAtomic(file, 'x'.repeat(20_000)), sddError('disk_full', file));
    assert.deepEqual(tree(root), before);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('replaceFileAtomic keeps the old content and leaves no temp file', (t) => {
    if (!mount) return t.skip(reason);
    const root = fs.mkdtempSync(path.join(mount, 'p-'));
    const file = path.join(root, 'spec.md');
    fs.writeFileSync(file, 'old');
    fs.linkSync(file, path.join(root, 'also.md'));
    const single = path.join(root, 'single.md');
    fs.writeFileSync(single, 'old');
    fill(root);
    const before = tree(root);
    assert.throws(() => replaceFileAtomic(single, 'y'.repeat(20_000)), sddError('disk_full', single));
    assert.throws(() => replaceFileAtomic(file, 'y'.repeat(20_000)), sddError('disk_full', file));
    assert.equal(fs.readFileSync(single, 'utf8'), 'old');
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(tree(root), before);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('on a nearly full disk, never renames a half-written file over the old one', (t) => {
    if (!mount) return t.skip(reason);
    const root = fs.mkdtempSync(path.join(mount, 'p-'));
    const file = path.join(root, 'spec.md');
    fs.writeFileSync(file, 'old');
    fill(root, 8192);
    assert.throws(() => replaceFileAtomic(file, 'z'.repeat(40_000)), sddError('disk_full', file));
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(tree(root), ['filler', 'spec.md']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
