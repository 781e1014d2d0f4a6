import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/cli.js';

const SRC = path.join(REPO_ROOT, 'src');
const GATEWAY = 'src/core/git/';

/** Modules outside the gateway that run another program, and which one. */
const RUNS_OTHER_PROGRAMS: Record<string, string> = {
  'src/core/governance/ssh.ts': 'ssh-keygen signs and verifies decisions',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(abs);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) ? [abs] : [];
  });
}

const files = sourceFiles(SRC).map((abs) => ({ rel: path.relative(REPO_ROOT, abs).split(path.sep).join('/'), text: fs.readFileSync(abs, 'utf8') }));
const outside = files.filter((f) => !f.rel.startsWith(GATEWAY));

const SIMPLE_GIT = /from\s+['"]simple-git['"]|import\(\s*['"]simple-git['"]\s*\)|require\(\s*['"]simple-git['"]\s*\)/;
const CHILD_PROCESS = /['"](node:)?child_process['"]/;
const SPAWNS_GIT = /\b(spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)\(\s*['"`]git\b/;

describe('the git gateway is the one door to git', () => {
  it('finds the sources it guards, and sees the gateway spawn git', () => {
    assert.ok(outside.length > 50, `only ${outside.length} source files found under ${SRC}`);
    const run = files.find((f) => f.rel === `${GATEWAY}run.ts`);
    assert.ok(run && SPAWNS_GIT.test(run.text) && CHILD_PROCESS.test(run.text), 'the patterns below must match the gateway itself');
  });

  it('no module outside src/core/git/ uses simple-git', () => {
    assert.deepEqual(outside.filter((f) => SIMPLE_GIT.test(f.text)).map((f) => f.rel), []);
  });

  it('no module outside src/core/git/ spawns git', () => {
    assert.deepEqual(outside.filter((f) => SPAWNS_GIT.test(f.text)).map((f) => f.rel), []);
  });

  it('only the listed modules outside src/core/git/ start processes at all', () => {
    const found = outside.filter((f) => CHILD_PROCESS.test(f.text)).map((f) => f.rel).sort();
    assert.deepEqual(found, Object.keys(RUNS_OTHER_PROGRAMS).sort());
  });

  it('simple-git is imported on first use only, even inside the gateway (start-up time)', () => {
    const eager = files.filter((f) => /^import\s+(?!type\b)[^;]*from\s+['"]simple-git['"]/m.test(f.text)).map((f) => f.rel);
    assert.deepEqual(eager, []);
  });
});
