import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

/** Every command path with its own help: `list`, `cache status`, … */
async function commandPaths(repo: string): Promise<string[][]> {
  const top = await sdd(['--help'], { cwd: repo });
  const names = [...top.stdout.matchAll(/^ {2}([a-z][\w-]*)(?=[|\s])/gm)].map((m) => m[1]).filter((n) => n !== 'help');
  const out: string[][] = [];
  for (const name of names) {
    out.push([name]);
    const help = await sdd([name, '--help'], { cwd: repo });
    const section = help.stdout.split(/^Commands:$/m)[1]?.split(/^\S/m)[0] ?? '';
    for (const m of section.matchAll(/^ {2}([a-z][\w-]*)/gm)) if (m[1] !== 'help') out.push([name, m[1]]);
  }
  return out;
}

// @sdd cli-frame/CLI-006
describe('help', () => {
  it('every subcommand lists the inherited global options, and no example ends in an empty `#`', async () => {
    const repo = makeProject();
    const paths = await commandPaths(repo);
    assert.ok(paths.length > 20, JSON.stringify(paths));
    for (const p of paths) {
      const help = await sdd([...p, '--help'], { cwd: repo });
      assert.equal(help.code, 0, describeRun(help));
      assert.match(help.stdout, /^Global Options:$/m, `sdd ${p.join(' ')} --help`);
      for (const flag of ['--json', '--cwd <dir>', '--color <when>', '--no-color', '--quiet']) assert.ok(help.stdout.includes(flag), `sdd ${p.join(' ')} --help lacks ${flag}`);
      assert.doesNotMatch(help.stdout, /#\s*$/m, `sdd ${p.join(' ')} --help has an empty comment`);
    }
  });

  const usage: Array<[args: string[], message: RegExp, fix: RegExp]> = [
    [['list', '--bogus'], /^Error: sdd list: unknown option '--bogus'$/m, /^Fix: Run `sdd list --help` for usage\.$/m],
    [['cache', 'status', '--bogus'], /^Error: sdd cache status: unknown option '--bogus'$/m, /^Fix: Run `sdd cache status --help` for usage\.$/m],
    [['ls', '--bogus'], /^Error: sdd list: unknown option/m, /`sdd list --help`/],
    [['show'], /^Error: sdd show: missing required argument/m, /`sdd show --help`/],
    [['bogus'], /^Error: sdd: unknown command 'bogus'$/m, /^Fix: Run `sdd --help` for usage\.$/m],
    [['list', '--color', 'pink'], /^Error: sdd list: option '--color <when>' argument 'pink' is invalid/m, /`sdd list --help`/],
  ];
  for (const [args, message, fix] of usage) {
    it(`sdd ${args.join(' ')} → exit 2 in sdd's Error:/Fix: form`, async () => {
      const repo = makeProject();
      const r = await sdd(args, { cwd: repo });
      assert.equal(r.code, 2, describeRun(r));
      assert.match(r.stderr, message);
      assert.match(r.stderr, fix);
      assert.doesNotMatch(r.stderr, /^error:/m);
      const json = await sdd([...args, '--json'], { cwd: repo });
      assert.equal(json.stderr, '');
      assert.equal((parseJsonDocument(json.stdout).error as { code: string }).code, 'usage');
    });
  }
});

/** `sdd …` command lines of an Examples section, without what a shell would do with them. */
function examples(help: string): string[][] {
  return [...help.matchAll(/^ {2}\$ (sdd .*?)(?:\s{2,}#.*)?$/gm)].map((m) => m[1].split(/\s*(?:\||>|&&|;)\s*/)[0].trim())
    .map((line) => [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]).slice(1));
}

describe('every example in --help runs on a fixture project', () => {
  it('exits 0, 1 or with a user error (never an internal error), and prints something', async () => {
    const repo = makeProject();
    const all: string[][] = [];
    for (const p of await commandPaths(repo)) all.push(...examples((await sdd([...p, '--help'], { cwd: repo })).stdout));
    assert.ok(all.length > 30, `${all.length} examples`);
    for (const args of all) {
      // As a new user at a terminal runs them (a pipe may rightly print nothing, as grep does).
      const r = await sdd(args, { cwd: makeProject(), tty: true });
      assert.ok(r.code === 0 || r.code === 1 || r.code === 2, describeRun(r));
      assert.doesNotMatch(r.stdout + r.stderr, /internal_error|This is a bug in sdd/, `sdd ${args.join(' ')}\n${describeRun(r)}`);
      // GitHub annotations come one per finding, and a clean fixture has none.
      assert.ok((r.stdout + r.stderr).trim() !== '' || args.includes('--quiet') || args.includes('-q') || args.join(' ').includes('--format github'), `sdd ${args.join(' ')} printed nothing`);
    }
  });
});
