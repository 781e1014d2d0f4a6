import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';
import { colorWanted, makeEnv } from '../../src/env.js';
import { style } from '../../src/output.js';

const ESC = '\x1b[';

// @sdd cli-frame/CLI-005
describe('colour: --color auto|always|never, FORCE_COLOR, NO_COLOR, --no-color', () => {
  const cases: Array<[flag: boolean | string | undefined, tty: boolean, vars: Record<string, string>, expected: boolean]> = [
    [undefined, true, {}, true],
    [undefined, false, {}, false],
    ['auto', true, {}, true],
    ['auto', false, {}, false],
    ['always', false, {}, true],
    ['always', false, { NO_COLOR: '1' }, true],
    ['never', true, {}, false],
    ['never', true, { FORCE_COLOR: '1' }, false],
    [false, true, { FORCE_COLOR: '3' }, false],
    [undefined, false, { FORCE_COLOR: '1' }, true],
    [undefined, false, { FORCE_COLOR: '' }, true],
    [undefined, true, { FORCE_COLOR: '0' }, false],
    [undefined, true, { FORCE_COLOR: 'false' }, false],
    [undefined, true, { NO_COLOR: '1' }, false],
    [undefined, true, { NO_COLOR: '' }, true],
    [undefined, false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ];
  for (const [flag, tty, vars, expected] of cases) {
    it(`flag ${String(flag)}, ${tty ? 'terminal' : 'pipe'}, ${JSON.stringify(vars)} → ${expected ? 'colour' : 'plain'}`, () => {
      assert.equal(colorWanted(flag, tty, vars), expected);
    });
  }

  const runs: Array<[args: string[], vars: Record<string, string | undefined>, coloured: boolean]> = [
    [['validate', '--color', 'always'], {}, true],
    [['validate', '--color=always'], {}, true],
    [['--color', 'always', 'validate'], {}, true],
    [['validate', '--color', 'never'], { NO_COLOR: undefined, FORCE_COLOR: '1' }, false],
    [['validate'], { NO_COLOR: undefined, FORCE_COLOR: '1' }, true],
    [['validate', '--no-color'], { NO_COLOR: undefined, FORCE_COLOR: '1' }, false],
    [['validate'], {}, false],
  ];
  for (const [args, vars, coloured] of runs) {
    it(`sdd ${args.join(' ')} ${JSON.stringify(vars)} → ${coloured ? 'colour' : 'plain'} in a pipe`, async () => {
      const repo = makeProject();
      const r = await sdd(args, { cwd: repo, env: vars });
      assert.equal(r.code, 0, describeRun(r));
      assert.equal(r.stdout.includes(ESC), coloured, JSON.stringify(r.stdout));
    });
  }

  it('sdd --color sometimes → exit 2 naming the choices', async () => {
    const repo = makeProject();
    const r = await sdd(['list', '--color', 'sometimes'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /sometimes/);
    assert.match(r.stderr, /auto, always, never/);
    const json = await sdd(['list', '--json', '--color', 'sometimes'], { cwd: repo });
    assert.equal((parseJsonDocument(json.stdout).error as { code: string }).code, 'usage');
  });

  it('no style is open across a line end', async () => {
    const env = makeEnv({ color: 'always' }, { stdout: { write: () => undefined }, stderr: { write: () => undefined }, isTTY: false, stderrIsTTY: false, vars: {} });
    const paint = await style(env);
    for (const f of [paint.red, paint.bold, paint.dim, paint.green]) {
      const out = f('one\ntwo\n\nthree');
      for (const line of out.split('\n')) {
        if (line === '') continue;
        assert.ok(line.startsWith(ESC) && /\x1b\[\d+m$/.test(line), JSON.stringify(line));
      }
    }
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/orphan.md', '---\nid: orphan\ntitle: Orphan\nstatus: draft\ndepends_on: [ghost]\n---\n');
    const r = await sdd(['check', '--color', 'always'], { cwd: repo });
    for (const line of r.stdout.split('\n')) {
      const opens = (line.match(/\x1b\[(?:1|2|3[1-6])m/g) ?? []).length;
      const closes = (line.match(/\x1b\[(?:22|39)m/g) ?? []).length;
      assert.ok(closes >= opens, `a style crosses the end of ${JSON.stringify(line)}`);
    }
  });
});
