import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testRule, md, runRule } from '../../helpers/rules.js';
import { git, makeGitRepo } from '../../helpers/cli.js';
import { record, recordPath, unsigned, writeRecord } from '../../helpers/governance.js';

/**
 * Each case runs on a real git repository built here, commit by commit. Decision files are
 * append-only, so any later change to a committed one — in a commit, staged or just in the
 * working tree — is tampering; adding files never is.
 */

const id = 'approval-record-tampered';
const login = md(['id: login', 'title: Login', 'status: approved'], ['# Login']);
const specs = { 'login.md': login };
const bob = unsigned(record({ of: login }));
const carol = unsigned(record({ of: login, principal: 'carol@example.com' }));
const author = 'author@example.test';

/** A git repository with the project at `sub` (default its top), after `steps`, each one commit unless it returns false. */
function repo(steps: Array<(root: string) => void | false>, sub = ''): { root: string; commits: string[] } {
  const top = makeGitRepo();
  const root = path.join(top, sub);
  fs.mkdirSync(path.join(root, '.sdd', 'specs'), { recursive: true });
  fs.writeFileSync(path.join(root, '.sdd', 'specs', 'login.md'), login);
  const commits: string[] = [];
  steps.forEach((step, i) => {
    if (step(root) === false) return;
    git(top, 'add', '-A');
    git(top, 'commit', '-qm', `step ${i + 1}`);
    commits.push(git(top, 'rev-parse', 'HEAD').slice(0, 12));
  });
  return { root, commits };
}

const add = (r = bob) => (root: string) => void writeRecord(root, r);
const edit = (r = bob, change: Record<string, unknown> = { reason: 'approved after all' }) => (root: string) => void writeRecord(root, { ...r, ...change } as typeof r);
const remove = (r = bob) => (root: string) => fs.rmSync(path.join(root, recordPath(r)));
const uncommitted = (step: (root: string) => void) => (root: string): false => {
  step(root);
  return false;
};
const file = (r = bob) => recordPath(r);

const modifiedInCommit = repo([add(), edit()]);
const deletedInCommit = repo([add(), add(carol), remove()]);
const modifiedInTree = repo([add(), uncommitted(edit())]);
const deletedInTree = repo([add(), uncommitted(remove())]);
const staged = (() => {
  const r = repo([add(), uncommitted(edit())]);
  git(r.root, 'add', '-A');
  return r;
})();
const restoredLater = repo([add(), edit(), edit(bob, {})]);
const renamed = repo([add(), (root) => fs.renameSync(path.join(root, file()), path.join(root, '.sdd/approvals/login/renamed.json'))]);
const below = repo([add(), edit()], 'app');
const both = repo([add(), add(carol), edit(carol), remove()]);

/**
 * Two branches after bob's decision: `side` adds carol's while the main line edits the spec, then
 * `side` is merged into the main line, `inMerge` running before the merge is committed.
 */
function merged(inMerge: (root: string) => void = () => {}): { root: string; merge: string; added: string } {
  const { root } = repo([add()]);
  const main = git(root, 'rev-parse', '--abbrev-ref', 'HEAD');
  git(root, 'checkout', '-q', '-b', 'side');
  add(carol)(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'carol decides');
  const added = git(root, 'rev-parse', 'HEAD').slice(0, 12);
  git(root, 'checkout', '-q', main);
  fs.appendFileSync(path.join(root, '.sdd/specs/login.md'), 'More.\n');
  git(root, 'commit', '-qam', 'main moves on');
  git(root, 'merge', '-q', '--no-ff', '--no-commit', 'side');
  inMerge(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'merge side');
  return { root, merge: git(root, 'rev-parse', 'HEAD').slice(0, 12), added };
}
const editedInMerge = merged(edit());
const droppedInMerge = merged((root) => fs.rmSync(path.join(root, recordPath(carol))));

// @sdd approvals/GOV-006
testRule(id, {
  valid: [
    { name: 'decisions added in separate commits', specs, root: repo([add(), add(carol)]).root },
    { name: 'a new decision not committed yet', specs, root: repo([add(), uncommitted(add(carol))]).root },
    { name: 'an uncommitted decision edited before its first commit', specs, root: repo([uncommitted(add()), uncommitted(edit())]).root },
    { name: 'a change elsewhere in the project', specs, root: repo([add(), (root) => fs.appendFileSync(path.join(root, '.sdd/specs/login.md'), 'More.\n')]).root },
    { name: 'a branch that adds a decision, merged', specs, root: merged().root },
    { name: 'a repository without commits', specs, root: repo([uncommitted(add())]).root },
    { name: 'not a git repository', specs, files: { [file()]: '{}' } },
    { name: 'severity off', severity: 'off', specs, root: repo([add(), edit()]).root },
  ],
  invalid: [
    {
      name: 'modified in a later commit',
      specs, root: modifiedInCommit.root,
      errors: [{
        message: `Decision file was modified in commit ${modifiedInCommit.commits[1]} by ${author} after it was committed in ${modifiedInCommit.commits[0]}`,
        file: file(), line: 1, column: 1, severity: 'error',
      }],
    },
    {
      name: 'deleted in a later commit',
      specs, root: deletedInCommit.root,
      errors: [{ message: `Decision file was deleted in commit ${deletedInCommit.commits[2]} by ${author} after it was committed in ${deletedInCommit.commits[0]}`, file: file(), line: 1, column: 1 }],
    },
    {
      name: 'modified in the working tree',
      specs, root: modifiedInTree.root,
      errors: [{ message: `Decision file was modified in the working tree (not committed) after it was committed in ${modifiedInTree.commits[0]}`, file: file(), line: 1, column: 1 }],
    },
    {
      name: 'deleted in the working tree',
      specs, root: deletedInTree.root,
      errors: [{ message: `Decision file was deleted in the working tree (not committed) after it was committed in ${deletedInTree.commits[0]}`, file: file(), line: 1, column: 1 }],
    },
    { name: 'a modification staged but not committed', specs, root: staged.root, errors: [{ message: 'was modified in the working tree (not committed)', file: file(), line: 1, column: 1 }] },
    {
      name: 'modified, then restored in a later commit: the history still shows it',
      specs, root: restoredLater.root,
      errors: [{ message: `was modified in commit ${restoredLater.commits[1]}`, file: file(), line: 1, column: 1 }],
    },
    { name: 'renamed: the original is deleted', specs, root: renamed.root, errors: [{ message: `was deleted in commit ${renamed.commits[1]}`, file: file(), line: 1, column: 1 }] },
    { name: 'a project below the repository\'s top', specs, root: below.root, errors: [{ message: `was modified in commit ${below.commits[1]}`, file: file(), line: 1, column: 1 }] },
    {
      name: 'modified in a merge commit',
      specs, root: editedInMerge.root,
      errors: [{ message: `Decision file was modified in commit ${editedInMerge.merge} by ${author} after it was committed in`, file: file(), line: 1, column: 1 }],
    },
    {
      name: 'a decision added on a branch and dropped by the merge',
      specs, root: droppedInMerge.root,
      errors: [{ message: `Decision file was deleted in commit ${droppedInMerge.merge} by ${author} after it was committed in ${droppedInMerge.added}`, file: file(carol), line: 1, column: 1 }],
    },
    {
      name: 'one file modified and another deleted',
      specs, root: both.root,
      errors: [
        { message: `was deleted in commit ${both.commits[3]}`, file: file(), line: 1, column: 1 },
        { message: `was modified in commit ${both.commits[2]}`, file: file(carol), line: 1, column: 1 },
      ],
    },
  ],
});

it('approval-record-tampered: the fingerprint stays when the change is committed', async () => {
  const r = repo([add(), uncommitted(edit())]);
  const [before] = await runRule(id, { specs, root: r.root });
  git(r.root, 'commit', '-qam', 'edit');
  const [after] = await runRule(id, { specs, root: r.root });
  assert.match(before.message, /working tree/);
  assert.match(after.message, /in commit/);
  assert.equal(before.fingerprint, after.fingerprint);
});
