import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, git, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('sdd check --staged', () => {
  it('checks what is staged, not the working tree', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/orphan.md', '---\nid: orphan\ntitle: Orphan\nstatus: draft\ndomain: auth\ndepends_on: [ghost]\n---\n## Requirements\n');
    const unstaged = await sdd(['check', '--staged'], { cwd: repo });
    assert.equal(unstaged.code, 0, describeRun(unstaged));

    git(repo, 'add', '.sdd/specs/auth/orphan.md');
    const staged = await sdd(['check', '--staged', '--format', 'json'], { cwd: repo });
    assert.equal(staged.code, 1, describeRun(staged));
    const findings = parseJsonDocument(staged.stdout).findings as Array<{ rule_id: string; file: string }>;
    assert.deepEqual(findings.map((f) => [f.rule_id, f.file]).filter(([rule]) => rule === 'dangling-dependency'), [['dangling-dependency', '.sdd/specs/auth/orphan.md']]);

    // Fixed in the working tree only: the staged version still fails.
    writeFile(repo, '.sdd/specs/auth/orphan.md', '---\nid: orphan\ntitle: Orphan\nstatus: draft\ndomain: auth\n---\n## Requirements\n');
    assert.equal((await sdd(['check', '--staged'], { cwd: repo })).code, 1);
    git(repo, 'add', '.sdd/specs/auth/orphan.md');
    assert.equal((await sdd(['check', '--staged'], { cwd: repo })).code, 0);
  });
});
