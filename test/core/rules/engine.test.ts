import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleSwitchedOff } from '../../../src/core/rules/engine.js';
import type { Config } from '../../../src/core/project/config.js';

const config = (rules: unknown) => ({ raw: { version: 1, rules } }) as unknown as Config;

describe('ruleSwitchedOff', () => {
  it('reads both spellings of off, and nothing else as off', () => {
    for (const [rules, expected] of [
      [{ 'drift-orphaned': 'off' }, true],
      [{ 'drift-orphaned': { severity: 'off' } }, true],
      [{ 'drift-orphaned': 'warn' }, false],
      [{ 'drift-orphaned': { options: {} } }, false],
      [{ 'drift-uncovered': 'off' }, false],
      [undefined, false],
    ] as const) assert.equal(ruleSwitchedOff(config(rules), 'drift-orphaned'), expected, JSON.stringify(rules));
  });
});
