import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  GITATTRIBUTES_LINE,
  GITATTRIBUTES_MARKER,
  mergeDriverCommand,
  mergeDriverStatus,
  registerMergeDriver,
  unregisterMergeDriver,
} from '../../../src/core/merge/register.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { openGit } from '../../../src/core/git/index.js';
import { git, gitEnv, makeGitRepo, makeTempDir, writeFile } from '../../helpers/cli.js';

// simple-git runs git with this process's environment: isolate it from the machine's config.
Object.assign(process.env, gitEnv());

/** A local config value, or null when unset (git config exits 1). */
function localConfig(repo: string, key: string): string | null {
  try {
    return execFileSync('git', ['config', '--local', '--get', key], { cwd: repo, env: { ...process.env, ...gitEnv() }, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const attributes = (dir: string) => fs.readFileSync(path.join(dir, '.gitattributes'), 'utf8');
const COMMAND = 'node /opt/sdd/bin/sdd.js';

// @sdd merge-driver/MRG-010
describe('registerMergeDriver', () => {
  it('sets merge.sdd.name and merge.sdd.driver and writes the marked .gitattributes line', async () => {
    const repo = makeGitRepo();
    const change = await registerMergeDriver(openGit(repo), COMMAND);
    assert.deepEqual(change, { config: true, attributes: true, gitattributes: path.join(repo, '.gitattributes') });
    assert.equal(localConfig(repo, 'merge.sdd.driver'), 'node /opt/sdd/bin/sdd.js merge-driver %O %A %B %P');
    assert.match(localConfig(repo, 'merge.sdd.name') ?? '', /sdd/);
    assert.equal(attributes(repo), `${GITATTRIBUTES_MARKER}\n${GITATTRIBUTES_LINE}\n`);
    // git itself now resolves spec files to the driver.
    assert.equal(git(repo, 'check-attr', 'merge', '--', '.sdd/specs/auth/login.md'), '.sdd/specs/auth/login.md: merge: sdd');
  });

  it('is idempotent', async () => {
    const repo = makeGitRepo();
    await registerMergeDriver(openGit(repo), COMMAND);
    const before = attributes(repo);
    assert.deepEqual(await registerMergeDriver(openGit(repo), COMMAND), { config: false, attributes: false, gitattributes: path.join(repo, '.gitattributes') });
    assert.equal(attributes(repo), before);
  });

  it('keeps the other lines of .gitattributes, its CRLF line ends, and a missing final newline', async () => {
    const repo = makeGitRepo();
    writeFile(repo, '.gitattributes', '*.png binary\r\n# docs\r\n*.md diff=markdown');
    await registerMergeDriver(openGit(repo), COMMAND);
    assert.equal(attributes(repo), `*.png binary\r\n# docs\r\n*.md diff=markdown\r\n${GITATTRIBUTES_MARKER}\r\n${GITATTRIBUTES_LINE}\r\n`);
  });

  it('does not add a second line when the user already wrote one', async () => {
    const repo = makeGitRepo();
    writeFile(repo, '.gitattributes', '.sdd/specs/**   merge=sdd\n');
    assert.equal((await registerMergeDriver(openGit(repo), COMMAND)).attributes, false);
    assert.equal(attributes(repo), '.sdd/specs/**   merge=sdd\n');
  });

  it('updates the driver when the command changes', async () => {
    const repo = makeGitRepo();
    await registerMergeDriver(openGit(repo), COMMAND);
    const change = await registerMergeDriver(openGit(repo), 'sdd');
    assert.equal(change.config, true);
    assert.equal(localConfig(repo, 'merge.sdd.driver'), mergeDriverCommand('sdd'));
  });

  it('works for a project below the top of the repository', async () => {
    const repo = makeGitRepo();
    const project = path.join(repo, 'packages', 'api');
    fs.mkdirSync(project, { recursive: true });
    await registerMergeDriver(openGit(project), COMMAND);
    assert.ok(fs.existsSync(path.join(project, '.gitattributes')));
    assert.equal(git(repo, 'check-attr', 'merge', '--', 'packages/api/.sdd/specs/a.md'), 'packages/api/.sdd/specs/a.md: merge: sdd');
    assert.equal(git(repo, 'check-attr', 'merge', '--', '.sdd/specs/a.md'), '.sdd/specs/a.md: merge: unspecified');
    assert.equal((await mergeDriverStatus(openGit(project))).active, true);
  });

  it('refuses a folder outside any git repository, saying what to do', async () => {
    const dir = makeTempDir();
    await assert.rejects(registerMergeDriver(openGit(dir), COMMAND), (err: unknown) => {
      assert.ok(err instanceof SddError);
      assert.equal(err.code, 'not_a_git_repo');
      assert.match(err.message, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(err.fix ?? '', /git init/);
      return true;
    });
    assert.equal(fs.existsSync(path.join(dir, '.gitattributes')), false);
  });
});

// @sdd merge-driver/MRG-010
describe('unregisterMergeDriver', () => {
  it('removes the config section and the marked lines, keeping everything else', async () => {
    const repo = makeGitRepo();
    writeFile(repo, '.gitattributes', '*.png binary\n');
    await registerMergeDriver(openGit(repo), COMMAND);
    const change = await unregisterMergeDriver(openGit(repo));
    assert.deepEqual(change, { config: true, attributes: true, gitattributes: path.join(repo, '.gitattributes') });
    assert.equal(attributes(repo), '*.png binary\n');
    assert.equal(localConfig(repo, 'merge.sdd.driver'), null);
    assert.equal(localConfig(repo, 'merge.sdd.name'), null);
    assert.doesNotMatch(fs.readFileSync(path.join(repo, '.git', 'config'), 'utf8'), /merge "sdd"/);
  });

  it('deletes a .gitattributes that held nothing else, and is idempotent', async () => {
    const repo = makeGitRepo();
    await registerMergeDriver(openGit(repo), COMMAND);
    await unregisterMergeDriver(openGit(repo));
    assert.equal(fs.existsSync(path.join(repo, '.gitattributes')), false);
    assert.deepEqual(await unregisterMergeDriver(openGit(repo)), { config: false, attributes: false, gitattributes: path.join(repo, '.gitattributes') });
  });

  it('leaves other merge.sdd settings (and so the section) alone', async () => {
    const repo = makeGitRepo();
    await registerMergeDriver(openGit(repo), COMMAND);
    git(repo, 'config', 'merge.sdd.recursive', 'binary');
    await unregisterMergeDriver(openGit(repo));
    assert.equal(localConfig(repo, 'merge.sdd.recursive'), 'binary');
    assert.equal(localConfig(repo, 'merge.sdd.driver'), null);
  });
});

describe('mergeDriverStatus', () => {
  it('reports each part: nothing, then everything, then nothing again', async () => {
    const repo = makeGitRepo();
    const file = path.join(repo, '.gitattributes');
    assert.deepEqual(await mergeDriverStatus(openGit(repo)), { driver: null, name: null, attributesLine: false, specMergeAttribute: null, active: false, gitattributes: file });
    await registerMergeDriver(openGit(repo), COMMAND);
    const on = await mergeDriverStatus(openGit(repo));
    assert.equal(on.driver, mergeDriverCommand(COMMAND));
    assert.equal(on.attributesLine, true);
    assert.equal(on.specMergeAttribute, 'sdd');
    assert.equal(on.active, true);
    await unregisterMergeDriver(openGit(repo));
    assert.equal((await mergeDriverStatus(openGit(repo))).active, false);
  });

  it('asks git for the attribute: a driver configured but overridden elsewhere is not active', async () => {
    const repo = makeGitRepo();
    await registerMergeDriver(openGit(repo), COMMAND);
    writeFile(repo, '.git/info/attributes', '.sdd/specs/** merge=text\n');
    const status = await mergeDriverStatus(openGit(repo));
    assert.equal(status.attributesLine, true);
    assert.equal(status.specMergeAttribute, 'text');
    assert.equal(status.active, false);
  });

  it('a driver configured without the attribute is not active', async () => {
    const repo = makeGitRepo();
    git(repo, 'config', 'merge.sdd.driver', 'sdd merge-driver %O %A %B %P');
    const status = await mergeDriverStatus(openGit(repo));
    assert.equal(status.driver, 'sdd merge-driver %O %A %B %P');
    assert.equal(status.active, false);
  });
});
