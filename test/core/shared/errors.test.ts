import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { environmentError } from '../../../src/core/shared/errors.js';

describe('environmentError: expected system failures are never internal errors', () => {
  it('a full disk, from the OS or from SQLite, is disk_full', () => {
    const os = environmentError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/p/.sdd/specs/a.md' }));
    assert.equal(os?.code, 'disk_full');
    assert.equal(os?.target?.file, '/p/.sdd/specs/a.md');
    const sqlite = environmentError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    assert.equal(sqlite?.code, 'disk_full');
    assert.match(sqlite!.message, /database or disk is full/);
  });

  it('a refused or read-only write is permission_denied, never naming a temp file', () => {
    const e = environmentError(Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES', path: '/p/.sdd/.a.md.123.abc.tmp' }));
    assert.equal(e?.code, 'permission_denied');
    assert.equal(e?.target, undefined);
    assert.equal(environmentError(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }))?.code, 'permission_denied');
  });

  it('anything else stays unexpected', () => {
    assert.equal(environmentError(new TypeError('x is undefined')), null);
    assert.equal(environmentError(null), null);
  });
});
