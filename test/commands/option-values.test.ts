import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

/** Every command path and the options of it that take a value, read from its --help. */
async function optionsTakingValues(repo: string): Promise<Array<{ path: string[]; flag: string }>> {
  const top = await sdd(['--help'], { cwd: repo });
  const names = [...top.stdout.matchAll(/^ {2}([a-z][\w-]*)(?=[|\s])/gm)].map((m) => m[1]).filter((n) => n !== 'help');
  const out: Array<{ path: string[]; flag: string }> = [];
  const add = (path: string[], help: string) => {
    const own = help.split(/^Global Options:$/m)[0];
    for (const m of own.matchAll(/^ {2}(?:-\w, )?(--[\w-]+) [<[]/gm)) out.push({ path, flag: m[1] });
  };
  for (const name of names) {
    const help = (await sdd([name, '--help'], { cwd: repo })).stdout;
    add([name], help);
    const section = help.split(/^Commands:$/m)[1]?.split(/^\S/m)[0] ?? '';
    for (const m of section.matchAll(/^ {2}([a-z][\w-]*)/gm)) {
      if (m[1] !== 'help') add([name, m[1]], (await sdd([name, m[1], '--help'], { cwd: repo })).stdout);
    }
  }
  return out;
}

const values = fc.oneof(
  fc.constantFrom('abc', '-1', '0', '1e308', '', ' ', 'NaN', '9007199254740993', '2024-13-45', '../../..', '/dev/null', '.', '*', '[', '{{x}}', '%s', 'ü', 'a,b,,c', '\u0000'),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
);

// Commands that would wait for a person or another process, or write outside the fixture.
const skipped = new Set(['merge-driver']);

describe('no value of any option is an internal error', () => {
  it('random values for every option of every command end in 0, 1 or a user error (exit 2)', async () => {
    const repo = makeProject();
    const options = (await optionsTakingValues(repo)).filter((o) => !skipped.has(o.path[0]));
    assert.ok(options.length > 15, `${options.length} options`);
    const failures: string[] = [];
    for (const [i, { path, flag }] of options.entries()) {
      // A fixed seed per option: a failure names a command line that reproduces it.
      for (const [value, positional] of fc.sample(fc.tuple(values, fc.constantFrom<string[]>([], ['login'])), { numRuns: 6, seed: 18 + i })) {
        const args = [...path, ...positional, `${flag}=${value}`];
        const r = await sdd(args, { cwd: repo });
        if (![0, 1, 2].includes(r.code ?? -1) || /internal_error|This is a bug in sdd/.test(r.stdout + r.stderr)) {
          failures.push(`sdd ${args.map((a) => JSON.stringify(a)).join(' ')} → ${r.code}: ${(r.stderr || r.stdout).split('\n')[0]}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
