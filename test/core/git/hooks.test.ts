import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chainScript, hookBlock, inspectHook, installHook, sddForHook, uninstallHook, type HookLocation } from '../../../src/core/git/hooks.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { makeTempDir } from '../../helpers/cli.js';

/** A location whose hooks folder is a fresh temp dir (plain) or `.husky/_` (husky v9 layout). */
function location(opts: { husky?: boolean; prefix?: string } = {}): HookLocation {
  const top = makeTempDir('sdd-hooks-');
  const dir = opts.husky ? path.join(top, '.husky', '_') : path.join(top, '.git', 'hooks');
  fs.mkdirSync(dir, { recursive: true });
  if (opts.husky) fs.writeFileSync(path.join(dir, 'h'), '#!/usr/bin/env sh\n');
  return { top, prefix: opts.prefix ?? '', dir, hooksPath: opts.husky ? '.husky/_' : null, husky: Boolean(opts.husky) };
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('hooks: chain strategy', () => {
  it('installs an executable script, and a second install changes nothing', () => {
    const loc = location();
    const file = path.join(loc.dir, 'pre-commit');
    assert.deepEqual(installHook(loc, 'pre-commit'), { name: 'pre-commit', file, action: 'installed', chained: null });
    assert.equal(fs.readFileSync(file, 'utf8'), chainScript('pre-commit', ''));
    assert.equal(mode(file), 0o755);
    const before = fs.statSync(file);
    assert.equal(installHook(loc, 'pre-commit').action, 'unchanged');
    assert.equal(fs.statSync(file).mtimeMs, before.mtimeMs);
    assert.deepEqual(inspectHook(loc, 'pre-commit'), { name: 'pre-commit', file, strategy: 'chain', installed: true, current: true, chained: null, foreign: false });
  });

  // @sdd git-hooks/HOOK-008
  it('keeps an existing hook as <hook>.sdd-chained and restores it byte for byte, with its mode', () => {
    const loc = location();
    const file = path.join(loc.dir, 'pre-commit');
    const original = Buffer.from('#!/usr/bin/env python3\nprint("lint")\n\u00e9\x00no newline at end', 'latin1');
    fs.writeFileSync(file, original, { mode: 0o750 });
    fs.chmodSync(file, 0o750);
    assert.equal(inspectHook(loc, 'pre-commit').foreign, true);
    const change = installHook(loc, 'pre-commit');
    assert.deepEqual(change, { name: 'pre-commit', file, action: 'installed', chained: `${file}.sdd-chained` });
    assert.deepEqual(fs.readFileSync(`${file}.sdd-chained`), original);
    assert.equal(installHook(loc, 'pre-commit').action, 'unchanged');
    assert.deepEqual(uninstallHook(loc, 'pre-commit'), { name: 'pre-commit', file, action: 'restored' });
    assert.deepEqual(fs.readFileSync(file), original);
    assert.equal(mode(file), 0o750);
    assert.equal(fs.existsSync(`${file}.sdd-chained`), false);
    assert.equal(uninstallHook(loc, 'pre-commit').action, 'absent');
    assert.deepEqual(fs.readFileSync(file), original, 'a foreign hook is never removed');
  });

  it('a symbolic link as the existing hook is chained as a link', () => {
    const loc = location();
    const target = path.join(loc.top, 'shared-hook.sh');
    fs.writeFileSync(target, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const file = path.join(loc.dir, 'pre-commit');
    fs.symlinkSync(target, file);
    installHook(loc, 'pre-commit');
    assert.equal(fs.readlinkSync(`${file}.sdd-chained`), target);
    uninstallHook(loc, 'pre-commit');
    assert.equal(fs.readlinkSync(file), target);
  });

  it('rewrites an outdated sdd hook, keeping what it chains', () => {
    const loc = location({ prefix: 'old/place/' });
    const file = path.join(loc.dir, 'pre-commit');
    fs.writeFileSync(`${file}.sdd-chained`, '#!/bin/sh\n', { mode: 0o755 });
    installHook(loc, 'pre-commit');
    const moved = { ...loc, prefix: 'new/place/' };
    assert.equal(inspectHook(moved, 'pre-commit').current, false);
    assert.deepEqual(installHook(moved, 'pre-commit'), { name: 'pre-commit', file, action: 'updated', chained: `${file}.sdd-chained` });
    assert.match(fs.readFileSync(file, 'utf8'), /sdd_dir='new\/place'/);
  });

  it('refuses when the hook was replaced after sdd chained the previous one', () => {
    const loc = location();
    const file = path.join(loc.dir, 'pre-commit');
    fs.writeFileSync(file, '#!/bin/sh\necho new\n');
    fs.writeFileSync(`${file}.sdd-chained`, '#!/bin/sh\necho old\n');
    assert.throws(() => installHook(loc, 'pre-commit'), (err: unknown) => err instanceof SddError && err.code === 'hook_conflict' && err.target?.file === file && /merge the two/.test(err.fix ?? ''));
    assert.equal(fs.readFileSync(file, 'utf8'), '#!/bin/sh\necho new\n');
    assert.equal(fs.readFileSync(`${file}.sdd-chained`, 'utf8'), '#!/bin/sh\necho old\n');
  });

  it('writes shell that parses, whatever the project path holds', () => {
    for (const prefix of ['', 'packages/app/', "it's here/", 'a "b" $c `d`/']) {
      for (const name of ['pre-commit', 'pre-push'] as const) {
        execFileSync('sh', ['-n', '-c', chainScript(name, prefix)]);
        execFileSync('sh', ['-n', '-c', hookBlock(name, prefix, false)]);
      }
    }
    assert.match(chainScript('pre-push', ''), /check <\/dev\/null/);
    assert.match(chainScript('pre-commit', 'x/'), /--cwd "\$sdd_dir" check --staged/);
  });
});

// @sdd git-hooks/HOOK-009
describe('hooks: block strategy (husky)', () => {
  it('creates .husky/<hook> when missing and deletes it on uninstall', () => {
    const loc = location({ husky: true });
    const file = path.join(loc.top, '.husky', 'pre-commit');
    assert.deepEqual(installHook(loc, 'pre-commit'), { name: 'pre-commit', file, action: 'installed', chained: null });
    assert.equal(fs.readFileSync(file, 'utf8'), hookBlock('pre-commit', '', true));
    assert.equal(fs.existsSync(path.join(loc.dir, 'pre-commit')), false, "husky's own stub is left alone");
    assert.equal(installHook(loc, 'pre-commit').action, 'unchanged');
    assert.equal(uninstallHook(loc, 'pre-commit').action, 'removed');
    assert.equal(fs.existsSync(file), false);
  });

  for (const [label, original] of [
    ['after a #! line', '#!/usr/bin/env sh\nnpm test\nexit 0\n'],
    ['at the top without one', 'npm test\nexit 0'],
    ['in an empty file', ''],
  ] as const) {
    it(`adds the block ${label} and removes exactly it`, () => {
      const loc = location({ husky: true });
      const file = path.join(loc.top, '.husky', 'pre-commit');
      fs.writeFileSync(file, original, { mode: 0o644 });
      const change = installHook(loc, 'pre-commit');
      assert.equal(change.action, 'installed');
      assert.equal(change.chained, original.trim() ? file : null);
      const text = fs.readFileSync(file, 'utf8');
      const block = hookBlock('pre-commit', '', false);
      assert.equal(text.replace(block, ''), original);
      if (original.startsWith('#!')) assert.ok(text.startsWith('#!/usr/bin/env sh\n# >>> sdd-hook'));
      else assert.ok(text.startsWith('# >>> sdd-hook'));
      assert.equal(installHook(loc, 'pre-commit').action, 'unchanged');
      assert.equal(uninstallHook(loc, 'pre-commit').action, 'restored');
      assert.equal(fs.readFileSync(file, 'utf8'), original);
      assert.equal(mode(file), 0o644);
    });
  }

  it('updates only the block when the project moved', () => {
    const loc = location({ husky: true, prefix: 'a/' });
    const file = path.join(loc.top, '.husky', 'pre-commit');
    fs.writeFileSync(file, 'echo before\n');
    installHook(loc, 'pre-commit');
    fs.appendFileSync(file, 'echo added later\n');
    assert.equal(installHook({ ...loc, prefix: 'b/' }, 'pre-commit').action, 'updated');
    assert.equal(fs.readFileSync(file, 'utf8'), hookBlock('pre-commit', 'b/', false) + 'echo before\necho added later\n');
  });
});

// @sdd git-hooks/HOOK-010
describe('sddForHook', () => {
  it('prefers the project node_modules, then the top level, then PATH', () => {
    const loc = location({ prefix: 'pkg/' });
    const bin = (dir: string) => {
      const file = path.join(dir, 'sdd');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
      return file;
    };
    const global = bin(path.join(makeTempDir(), 'bin'));
    const pathVar = ['/nonexistent', path.dirname(global)].join(path.delimiter);
    assert.deepEqual(sddForHook(loc, '/nonexistent'), { kind: 'missing', file: null });
    assert.deepEqual(sddForHook(loc, pathVar), { kind: 'global', file: global });
    const top = bin(path.join(loc.top, 'node_modules', '.bin'));
    assert.deepEqual(sddForHook(loc, pathVar), { kind: 'local', file: top });
    const own = bin(path.join(loc.top, 'pkg', 'node_modules', '.bin'));
    assert.deepEqual(sddForHook(loc, pathVar), { kind: 'local', file: own });
  });
});
