import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

it('every command file in src/commands/ has an in-process test here', () => {
  const commands = fs.readdirSync(path.join(REPO_ROOT, 'src/commands')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
  const tests = new Set(fs.readdirSync(path.join(REPO_ROOT, 'test/commands')).map((f) => f.replace(/\.test\.ts$/, '')));
  assert.deepEqual(commands.filter((c) => !tests.has(c)), []);
});
