import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, hasScript, makeGitRepo, runSdd, runSddInTty, writeSpec } from '../helpers/cli.js';

const ESC = '\u001b';

// @sdd cli-frame/CLI-005
/**
 * What src/env.ts promises: colour only when stdout is a TTY, and never with NO_COLOR (non-empty),
 * --no-color or FORCE_COLOR=0. Piped output is checked directly; the TTY cases run the CLI under
 * `script` so that there is a terminal whose colours could leak.
 */
describe('e2e: colour', () => {
  let repo: string;
  before(async () => {
    repo = makeGitRepo();
    await runSdd(['init'], { cwd: repo });
    // A finding, so validate has red and dim text to print.
    writeSpec(repo, 'a.md', '---\nid: a\ntitle: A\nstatus: finished\n---\n- **REQ-001** It MUST work.\n');
    writeSpec(repo, 'b.md', '---\nid: b\ntitle: B\nstatus: draft\ndepends_on: [a]\n---\n');
  });

  const commands = [['validate'], ['list'], ['show', 'a'], ['show', 'nope'], ['bogus']];

  describe('piped output', () => {
    for (const args of commands) {
      // FORCE_COLOR=1 does colour a pipe (for `less -R`): see test/commands/color.test.ts.
      it(`has no escape bytes from \`sdd ${args.join(' ')}\`, even without NO_COLOR, and with FORCE_COLOR=0`, async () => {
        for (const env of [{ NO_COLOR: undefined }, { NO_COLOR: undefined, FORCE_COLOR: '0' }]) {
          const r = await runSdd(args, { cwd: repo, env });
          assert.ok(!r.stdout.includes(ESC) && !r.stderr.includes(ESC), `${JSON.stringify(env)}\n${describeRun(r)}`);
        }
      });
    }
  });

  describe('on a terminal', { skip: hasScript() ? false : 'needs util-linux `script` for a pseudo-terminal' }, () => {
    it('colours validate, list and show when nothing disables it (control case)', async () => {
      for (const args of [['validate'], ['list'], ['show', 'a']]) {
        const r = await runSddInTty(args, { cwd: repo, env: { NO_COLOR: undefined, TERM: 'xterm-256color' } });
        assert.ok(r.output.includes(`${ESC}[`), `expected colour from sdd ${args.join(' ')} on a TTY:\n${r.output}`);
      }
    });

    it('treats an empty NO_COLOR as unset', async () => {
      const r = await runSddInTty(['validate'], { cwd: repo, env: { NO_COLOR: '', TERM: 'xterm-256color' } });
      assert.ok(r.output.includes(`${ESC}[`), r.output);
    });

    // Every disabler on validate (findings: red, dim, bold); the two the issue names on every command.
    const disablers: Array<[string, (args: string[]) => string[], Record<string, string | undefined>, string[][]]> = [
      ['NO_COLOR=1', (a) => a, { NO_COLOR: '1' }, [['validate'], ['list'], ['show', 'a']]],
      ['--no-color', (a) => [...a, '--no-color'], { NO_COLOR: undefined }, [['validate'], ['list'], ['show', 'a']]],
      ['NO_COLOR=0 (any non-empty value)', (a) => a, { NO_COLOR: '0' }, [['validate']]],
      ['--no-color before the command', (a) => ['--no-color', ...a], { NO_COLOR: undefined }, [['validate']]],
      ['FORCE_COLOR=0', (a) => a, { NO_COLOR: undefined, FORCE_COLOR: '0' }, [['validate']]],
    ];
    for (const [what, argvFor, env, commandList] of disablers) {
      it(`prints no escape bytes with ${what}`, async () => {
        for (const args of commandList) {
          const argv = argvFor(args);
          const r = await runSddInTty(argv, { cwd: repo, env: { TERM: 'xterm-256color', ...env } });
          assert.equal(r.code, args[0] === 'validate' ? 1 : 0, `sdd ${argv.join(' ')}\n${r.output}`);
          assert.ok(!r.output.includes(ESC), `sdd ${argv.join(' ')} with ${what}:\n${JSON.stringify(r.output)}`);
        }
      });
    }
  });
});
