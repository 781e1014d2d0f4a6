import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, makeGitRepo, parseJsonDocument, writeSpec, type RunResult } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

interface FindingJson {
  rule_id: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number | null;
  spec_id: string | null;
}

function spec(id: string, extra = '', body = ''): string {
  return `---\nid: ${id}\ntitle: Spec ${id}\nstatus: draft\n${extra}---\n${body}`;
}

/**
 * One project holding one problem per folder, so each problem can be checked on its own (the path
 * argument narrows what is reported) while cross-file checks still see everything.
 */
describe('e2e: validate', () => {
  let repo: string;
  let all: FindingJson[];
  let human: RunResult;

  before(async () => {
    repo = makeGitRepo();
    const init = await runSddInProcess(['init'], { cwd: repo });
    assert.equal(init.code, 0, describeRun(init));
    writeSpec(repo, 'clean/base.md', spec('base', '', '- **REQ-001** The system MUST exist.\n'));
    writeSpec(repo, 'clean/uses-base.yaml', 'id: uses-base\ntitle: Uses base\nstatus: review\ndepends_on: [base]\n');
    writeSpec(repo, 'dup/one.md', spec('shared-id'));
    writeSpec(repo, 'dup/two.md', spec('shared-id'));
    writeSpec(repo, 'dangling/needs-ghost.md', spec('needs-ghost', 'depends_on: [base, ghost-spec]\n'));
    writeSpec(repo, 'cycle/a.md', spec('cycle-a', 'depends_on: [cycle-b]\n'));
    writeSpec(repo, 'cycle/b.md', spec('cycle-b', 'depends_on: [cycle-a]\n'));
    writeSpec(repo, 'reqs/twice.md', spec('twice', '', '# Twice\n\n- **REQ-001** One MUST.\n- **REQ-002** Two MUST.\n- **REQ-001** Again MUST.\n'));
    writeSpec(repo, 'schema/bad-status.md', spec('bad-status').replace('status: draft', 'status: finished'));

    const json = await runSddInProcess(['validate', '--json'], { cwd: repo });
    assert.equal(json.code, 1, describeRun(json));
    all = parseJsonDocument(json.stdout).findings as FindingJson[];
    human = await runSddInProcess(['validate'], { cwd: repo });
  });

  const inFolder = (folder: string) => all.filter((f) => f.file.startsWith(`.sdd/specs/${folder}/`));

  it('finds nothing wrong with valid specs', () => {
    assert.deepEqual(inFolder('clean'), []);
  });

  // @sdd validation/VAL-003
  it('names both files of a duplicate id', () => {
    const dups = inFolder('dup');
    assert.deepEqual(dups.map((f) => [f.rule_id, f.file, f.line]), [
      ['unique-id', '.sdd/specs/dup/one.md', 2],
      ['unique-id', '.sdd/specs/dup/two.md', 2],
    ]);
    assert.match(dups[0].message, /"shared-id".*\.sdd\/specs\/dup\/two\.md/);
    assert.match(dups[1].message, /"shared-id".*\.sdd\/specs\/dup\/one\.md/);
  });

  it('names both files of a duplicate id in the human report', () => {
    assert.equal(human.code, 1, describeRun(human));
    assert.match(human.stdout, /^\.sdd\/specs\/dup\/one\.md\n {2}2:1 +error +Duplicate spec id "shared-id": also used by \.sdd\/specs\/dup\/two\.md +unique-id$/m);
    assert.match(human.stdout, /^\.sdd\/specs\/dup\/two\.md\n {2}2:1 +error +Duplicate spec id "shared-id": also used by \.sdd\/specs\/dup\/one\.md +unique-id$/m);
  });

  // @sdd validation/VAL-004
  it('reports a dangling depends_on at the missing id', () => {
    const [f, ...rest] = inFolder('dangling');
    assert.deepEqual(rest, []);
    assert.equal(f.rule_id, 'dangling-dependency');
    assert.match(f.message, /"ghost-spec"/);
    // "depends_on: [base, ghost-spec]" is line 5; ghost-spec starts in column 20.
    assert.deepEqual([f.line, f.column], [5, 20]);
    assert.equal(f.spec_id, 'needs-ghost');
  });

  // @sdd validation/VAL-005
  it('reports every spec on a dependency cycle, each with the full path through it', () => {
    const cycles = all.filter((f) => f.rule_id === 'dependency-cycle');
    assert.deepEqual(cycles.map((c) => [c.file, c.message]), [
      ['.sdd/specs/cycle/a.md', 'Dependency cycle: cycle-a → cycle-b → cycle-a'],
      ['.sdd/specs/cycle/b.md', 'Dependency cycle: cycle-b → cycle-a → cycle-b'],
    ]);
    assert.match(human.stdout, /Dependency cycle: cycle-a → cycle-b → cycle-a/);
  });

  // @sdd validation/VAL-006
  it('reports a requirement id used twice in one spec at its second use', () => {
    const [f, ...rest] = inFolder('reqs');
    assert.deepEqual(rest, []);
    assert.equal(f.rule_id, 'unique-requirement-id');
    assert.deepEqual([f.line, f.column], [10, 5]);
    assert.match(f.message, /REQ-001.*line 8/);
  });

  // @sdd validation/VAL-002
  it('reports schema errors at the key', () => {
    const [f] = inFolder('schema');
    assert.equal(f.rule_id, 'spec-schema');
    assert.deepEqual([f.line, f.column], [4, 1]);
    assert.match(f.message, /finished/);
  });

  it('summarises the counts in the human report', () => {
    assert.match(human.stdout, /✖ 7 problems \(7 errors, 0 warnings\) in 9 files\n$/);
    assert.equal(all.length, 7);
  });

  // @sdd validation/VAL-007
  it('exits 1 for each problem folder on its own and 0 for the clean folder', async () => {
    for (const folder of ['dup', 'dangling', 'cycle', 'reqs', 'schema']) {
      const r = await runSddInProcess(['validate', `.sdd/specs/${folder}`, '--json'], { cwd: repo });
      assert.equal(r.code, 1, `${folder}\n${describeRun(r)}`);
      const findings = parseJsonDocument(r.stdout).findings as FindingJson[];
      assert.ok(findings.length > 0 && findings.every((f) => f.file.startsWith(`.sdd/specs/${folder}/`)), folder);
    }
    const clean = await runSddInProcess(['validate', '.sdd/specs/clean'], { cwd: repo });
    assert.equal(clean.code, 0, describeRun(clean));
    assert.match(clean.stdout, /no problems in 2 files/);
  });

  it('--quiet prints nothing when clean and still prints findings', async () => {
    const clean = await runSddInProcess(['validate', '.sdd/specs/clean', '--quiet'], { cwd: repo });
    assert.equal(clean.code, 0, describeRun(clean));
    assert.equal(clean.stdout + clean.stderr, '');
    const dirty = await runSddInProcess(['validate', '.sdd/specs/dup', '-q'], { cwd: repo });
    assert.equal(dirty.code, 1, describeRun(dirty));
    assert.match(dirty.stdout, /unique-id/);
  });
});
