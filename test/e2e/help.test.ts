import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeTempDir, REPO_ROOT } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/** Command names from the `Commands:` section of `sdd --help`, aliases dropped, `help` itself skipped. */
function commandsFromHelp(help: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf('Commands:');
  assert.ok(start >= 0, `no Commands: section in sdd --help:\n${help}`);
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  const names = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .map((line) => /^ {2}([a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*)*)(?:\|[a-z0-9-]+)?(?= |$)/.exec(line)?.[1])
    .filter((n): n is string => Boolean(n))
    // `new [options] <template>` → `new`; a nested command such as `cache rebuild` keeps both words.
    .map((n) => n.split(' ').filter((w) => !w.startsWith('[') && !w.startsWith('<')).join(' '))
    .filter((n) => n !== 'help');
  return [...new Set(names)];
}

describe('meta: every command is documented', () => {
  let commands: string[];
  const cwd = makeTempDir();

  before(async () => {
    const r = await runSddInProcess(['--help'], { cwd });
    assert.equal(r.code, 0, describeRun(r));
    commands = commandsFromHelp(r.stdout);
  });

  it('sdd --help lists the commands', () => {
    for (const c of ['init', 'new', 'validate', 'list', 'show']) assert.ok(commands.includes(c), `${c} missing from ${commands.join(', ')}`);
  });

  // @sdd cli-frame/CLI-006
  it('every command has --help with Examples: and `  $ sdd` lines', async () => {
    const results = await Promise.all(commands.map(async (c) => [c, await runSddInProcess([...c.split(' '), '--help'], { cwd })] as const));
    for (const [c, r] of results) {
      assert.equal(r.code, 0, `sdd ${c} --help\n${describeRun(r)}`);
      assert.match(r.stdout, /^Examples:$/m, `sdd ${c} --help has no Examples: section`);
      const examples = r.stdout.split('\n').filter((l) => l.startsWith('  $ sdd'));
      assert.ok(examples.length > 0, `sdd ${c} --help has no "  $ sdd" example line`);
      assert.ok(examples.some((l) => l.startsWith(`  $ sdd ${c}`)), `no example of sdd ${c} itself in:\n${examples.join('\n')}`);
      assert.equal(r.stderr, '', `sdd ${c} --help wrote to stderr`);
    }
  });

  it('README.md has a section for every command', () => {
    const readme = path.join(REPO_ROOT, 'README.md');
    assert.ok(fs.existsSync(readme), `${readme} does not exist yet`);
    const headings = fs.readFileSync(readme, 'utf8').split('\n').filter((l) => /^#{1,6} /.test(l));
    const missing = commands.filter((c) => !headings.some((h) => h.includes(`sdd ${c}`)));
    assert.deepEqual(missing, [], `README.md has no heading containing \`sdd <cmd>\` for: ${missing.join(', ')}`);
  });
});
