import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { runCommand } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';
import { run } from '../../src/commands/rules.js';

/** Every rule has a file named after its id in src/core/rules/ (the registry's convention). */
function ruleFiles(): string[] {
  const dir = path.join(REPO_ROOT, 'src/core/rules');
  const ids = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
  return ids.filter((id) => fs.readFileSync(path.join(dir, `${id}.ts`), 'utf8').includes(`id: '${id}'`));
}

describe('sdd rules', () => {
  it('lists one line per rule of the registry with its configured severity', async () => {
    const repo = makeProject();
    fs.appendFileSync(path.join(repo, '.sdd/config.yaml'), 'rules:\n  naming-convention: off\n');
    const r = await runCommand(run, { args: [] }, { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(rows.map((row) => row[0]).sort(), ruleFiles().sort());
    assert.equal(rows.find((row) => row[0] === 'naming-convention')?.[1], 'off');
    assert.equal(rows.find((row) => row[0] === 'dangling-dependency')?.[1], 'error');
  });
});
