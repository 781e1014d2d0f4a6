import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, REPO_ROOT } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

/** The `sdd …` command lines of README.md's shell blocks, cut where a shell would pipe or chain. */
function readmeCommands(): string[][] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const out: string[][] = [];
  for (const block of text.matchAll(/^```(?:sh|bash|console)?\n([\s\S]*?)^```$/gm)) {
    for (const raw of block[1].split('\n')) {
      const line = raw.replace(/^\$ /, '').replace(/\s+#.*$/, '').trim();
      if (!/^sdd( |$)/.test(line) || line.includes('<') || line.includes('…')) continue;
      const first = line.split(/\s+(?:\||>|&&|;|\|\|)\s+/)[0];
      out.push([...first.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]).slice(1));
    }
  }
  return out;
}

describe('every sdd example in README.md runs on a fixture project', () => {
  it('ends in exit 0, 1 or a user error (never an internal error) and prints something', async () => {
    const commands = readmeCommands();
    assert.ok(commands.length > 20, `${commands.length} commands`);
    const problems: string[] = [];
    for (const args of commands) {
      // As a new user at a terminal runs them (a pipe may rightly print nothing, as grep does).
      const r = await sdd(args, { cwd: makeProject(), tty: true });
      const printed = (r.stdout + r.stderr).trim() !== '';
      if (r.code === null || r.code > 2 || /internal_error|This is a bug in sdd/.test(r.stdout + r.stderr) || (!printed && !quietByDesign(args))) {
        problems.push(`sdd ${args.join(' ')}\n${describeRun(r)}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

/** Runs that may print nothing: --quiet, and GitHub annotations (there is one per finding, and none here). */
function quietByDesign(args: string[]): boolean {
  return args.some((a) => a === '-q' || a === '--quiet') || args.join(' ').includes('--format github');
}
