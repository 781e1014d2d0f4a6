import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

// @sdd checks/CHK-005
describe('path arguments that match nothing are an error, not a pass', () => {
  const refused: Array<[args: string[], message: RegExp, fix: RegExp]> = [
    [['check', 'nosuch/path'], /^Error: No files matching "nosuch\/path" were found$/m, /that path does not exist/],
    [['validate', 'nosuch.md'], /^Error: No files matching "nosuch\.md" were found$/m, /does not exist/],
    [['check', 'README.md'], /^Error: No files matching "README\.md" were found$/m, /Only spec files/],
    [['validate', 'src/login.ts'], /^Error: No files matching "src\/login\.ts" were found$/m, /Only spec files under \.sdd\/specs\//],
    [['check', '.sdd/specs/auth', 'typo'], /^Error: No files matching "typo" were found$/m, /does not exist/],
    [['validate', '../elsewhere'], /^Error: No files matching "\.\.\/elsewhere" were found$/m, /./],
  ];
  for (const [args, message, fix] of refused) {
    it(`sdd ${args.join(' ')} → exit 2`, async () => {
      const repo = makeProject();
      writeFile(repo, 'README.md', '# readme\n');
      const r = await sdd(args, { cwd: repo });
      assert.equal(r.code, 2, describeRun(r));
      assert.match(r.stderr, message);
      assert.match(r.stderr, fix);
      assert.equal(r.stdout, '');
      const json = await sdd([...args, '--json'], { cwd: repo });
      assert.equal(json.code, 2, describeRun(json));
      assert.equal((parseJsonDocument(json.stdout).error as { code: string }).code, 'no_matching_files');
    });
  }

  const accepted: string[][] = [
    ['check', '.sdd/specs/auth'], ['check', '.sdd/specs/auth/login.md'], ['check', 'src/login.ts'], ['check', '.'],
    ['validate', '.sdd/specs'], ['validate', '.sdd/specs/billing/reports.md'], ['validate', '.'],
  ];
  for (const args of accepted) {
    it(`sdd ${args.join(' ')} checks what it names`, async () => {
      const repo = makeProject();
      const r = await sdd(args, { cwd: repo });
      assert.ok(r.code === 0 || r.code === 1, describeRun(r));
      assert.doesNotMatch(r.stderr, /No files matching/);
    });
  }

  it('paths resolve from the current directory', async () => {
    const repo = makeProject();
    const r = await sdd(['validate', 'login.md'], { cwd: path.join(repo, '.sdd/specs/auth') });
    assert.equal(r.code, 0, describeRun(r));
  });
});

describe('a project with nothing to check says so', () => {
  for (const state of ['missing', 'empty'] as const) {
    for (const command of ['check', 'validate']) {
      it(`sdd ${command} with .sdd/specs/ ${state} warns on stderr`, async () => {
        const repo = makeGitRepo();
        writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
        if (state === 'empty') fs.mkdirSync(path.join(repo, '.sdd/specs'));
        const r = await sdd([command], { cwd: repo });
        assert.equal(r.code, 0, describeRun(r));
        assert.match(r.stderr, new RegExp(`^warning: \\.sdd/specs/ ${state === 'missing' ? 'does not exist' : 'holds no spec files'}, so there is nothing to check\\. Create a spec with \`sdd new spec "Title"\`\\.$`, 'm'));
        const json = await sdd([command, '--json'], { cwd: repo });
        assert.equal(json.stderr, '');
        parseJsonDocument(json.stdout);
      });
    }
  }
});
