import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { changeStatus, findTransition, targetsFrom, transitionTable, TRANSITIONS } from '../../../src/core/governance/lifecycle.js';
import { STATUSES } from '../../../src/core/spec/fields.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { openProject, type Project } from '../../../src/core/project/open.js';
import { parseSpec, type Spec } from '../../../src/core/spec/parse.js';
import { recordDecision } from '../../../src/core/governance/decide.js';
import { gitEnv, makeTempDir, writeFile } from '../../helpers/cli.js';

// recordDecision asks git for user.signingkey: keep the machine's own git config out of it.
Object.assign(process.env, gitEnv());

const NOW = new Date('2024-06-30T12:00:00Z');

async function refusal(p: Promise<unknown>): Promise<SddError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof SddError, `expected an SddError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the change to be refused');
}

// @sdd lifecycle/LIF-001
describe('lifecycle: the transition table', () => {
  it('is exactly the documented set of moves', () => {
    const table = TRANSITIONS.map((t) => `${t.from}>${t.to}${t.reasonRequired ? ' reason' : ''}${t.approvalRequired ? ' approval' : ''}`);
    assert.deepEqual(table, [
      'draft>review', 'draft>deprecated',
      'review>approved approval', 'review>draft',
      'approved>implemented approval', 'approved>review reason', 'approved>draft reason',
      'implemented>deprecated', 'implemented>review reason', 'implemented>draft reason',
      'deprecated>draft reason',
    ]);
  });

  it('lists the targets from each state; an unknown status may only be reset to draft', () => {
    assert.deepEqual(targetsFrom('draft'), ['review', 'deprecated']);
    assert.deepEqual(targetsFrom('review'), ['approved', 'draft']);
    assert.deepEqual(targetsFrom('approved'), ['implemented', 'review', 'draft']);
    assert.deepEqual(targetsFrom('implemented'), ['deprecated', 'review', 'draft']);
    assert.deepEqual(targetsFrom('deprecated'), ['draft']);
    assert.deepEqual(targetsFrom('reviw'), ['draft']);
    assert.ok(findTransition('reviw', 'draft'));
    assert.equal(findTransition('reviw', 'review'), undefined);
    assert.equal(findTransition('draft', 'approved'), undefined);
  });

  it('renders every transition for --help', () => {
    const text = transitionTable();
    for (const t of TRANSITIONS) assert.match(text, new RegExp(`^  ${t.from} → ${t.to}\\b`, 'm'));
    assert.match(text, /approved → draft +needs --reason/);
    assert.match(text, /review → approved +needs approval/);
  });
});

describe('lifecycle: changeStatus', () => {
  let root: string;
  let project: Project;
  let n = 0;

  before(() => {
    root = makeTempDir();
    writeFile(root, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    writeFile(root, '.sdd/access.yml', 'domains:\n  core:\n    reviewers: [bob@example.com, carol@example.com]\n');
    project = openProject(root);
  });

  /** Writes a fresh spec with `status` and returns it (parsed) with its absolute path. */
  function specWith(status: string, extra: string[] = [], id = `s${++n}`): { spec: Spec; abs: string } {
    const rel = `.sdd/specs/${id}.md`;
    const text = ['---', `id: ${id}`, `title: ${id}`, `status: ${status}  # keep me`, 'domain: core', 'owner: ada@example.com', ...extra, '---', `# ${id}`, '', '- **REQ-001** It MUST work.', ''].join('\n');
    const abs = writeFile(root, rel, text);
    const r = parseSpec(rel, text);
    assert.ok(r.ok);
    return { spec: r.spec, abs };
  }

  const statusIn = (abs: string) => /^status: (\S+)/m.exec(fs.readFileSync(abs, 'utf8'))?.[1];

  it('makes every allowed move that needs no approval, editing only the status line', async () => {
    for (const t of TRANSITIONS.filter((x) => !x.approvalRequired)) {
      const { spec, abs } = specWith(t.from);
      const before = fs.readFileSync(abs, 'utf8');
      const reason = t.reasonRequired ? 'reopened' : undefined;
      const change = await changeStatus(project, spec, [spec], { to: t.to, reason, now: NOW });
      assert.deepEqual({ from: change.from, to: change.to, changed: change.changed }, { from: t.from, to: t.to, changed: true });
      const expected = before.replace(`status: ${t.from}  # keep me\n`, `status: ${t.to}  # keep me\n${reason ? `status_reason: ${reason}\n` : ''}`);
      assert.equal(fs.readFileSync(abs, 'utf8'), expected, `${t.from} → ${t.to}`);
    }
  });

  it('refuses every move not in the table, naming the allowed targets, and writes nothing', async () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (from === to || findTransition(from, to)) continue;
        const { spec, abs } = specWith(from);
        const before = fs.readFileSync(abs, 'utf8');
        const err = await refusal(changeStatus(project, spec, [spec], { to, reason: 'because', now: NOW }));
        assert.equal(err.code, 'invalid_transition', `${from} → ${to}`);
        assert.equal(err.exitCode, 2);
        assert.deepEqual(err.target, { file: spec.file, line: 4 });
        assert.ok(err.fix?.includes(targetsFrom(from).join(', ')), err.fix);
        assert.equal(fs.readFileSync(abs, 'utf8'), before);
      }
    }
  });

  // @sdd lifecycle/LIF-001
  it('requires a reason to move back from approved, implemented or deprecated', async () => {
    for (const t of TRANSITIONS.filter((x) => x.reasonRequired)) {
      const { spec, abs } = specWith(t.from);
      const before = fs.readFileSync(abs, 'utf8');
      for (const reason of [undefined, '   ']) {
        const err = await refusal(changeStatus(project, spec, [spec], { to: t.to, reason, now: NOW }));
        assert.equal(err.code, 'reason_required', `${t.from} → ${t.to}`);
        assert.match(err.fix ?? '', /--reason/);
      }
      assert.equal(fs.readFileSync(abs, 'utf8'), before);
    }
  });

  it('leaves the file alone when the status is already the target', async () => {
    const { spec, abs } = specWith('review', ['updated: 2024-01-01', 'status_reason: old']);
    const stat = fs.statSync(abs);
    const change = await changeStatus(project, spec, [spec], { to: 'review', now: NOW });
    assert.equal(change.changed, false);
    assert.equal(fs.statSync(abs).mtimeMs, stat.mtimeMs);
  });

  it('refuses an unknown status with the list of statuses', async () => {
    const { spec } = specWith('draft');
    const err = await refusal(changeStatus(project, spec, [spec], { to: 'done', now: NOW }));
    assert.equal(err.code, 'invalid_argument');
    assert.match(err.fix ?? '', /draft, review, approved, implemented, deprecated/);
  });

  it('sets an existing updated: to today and drops a stale status_reason', async () => {
    const { spec, abs } = specWith('review', ['updated: 2024-01-01', 'status_reason: waiting on legal']);
    await changeStatus(project, spec, [spec], { to: 'draft', now: NOW });
    const text = fs.readFileSync(abs, 'utf8');
    assert.match(text, /^updated: 2024-06-30$/m);
    assert.doesNotMatch(text, /status_reason/);
    const plain = specWith('draft');
    await changeStatus(project, plain.spec, [plain.spec], { to: 'review', now: NOW });
    assert.doesNotMatch(fs.readFileSync(plain.abs, 'utf8'), /updated/);
  });

  // @sdd lifecycle/LIF-002
  it('refuses approved without a quorum, saying how many approvals exist and who can approve', async () => {
    const { spec, abs } = specWith('review');
    const before = fs.readFileSync(abs, 'utf8');
    const err = await refusal(changeStatus(project, spec, [spec], { to: 'approved', now: NOW }));
    assert.equal(err.code, 'approval_required');
    assert.equal(err.exitCode, 2);
    assert.match(err.message, /0 valid approvals .* needs 1/);
    assert.match(err.fix ?? '', /bob@example\.com, carol@example\.com/);
    assert.match(err.fix ?? '', new RegExp(`sdd approve ${spec.id}`));
    assert.equal(err.target?.file, spec.file);
    assert.equal(fs.readFileSync(abs, 'utf8'), before);
  });

  it('allows approved and then implemented once a reviewer approved the current content', async () => {
    const { spec, abs } = specWith('review');
    recordDecision(project, spec, [spec], { decision: 'approved', as: 'bob@example.com', now: NOW });
    const change = await changeStatus(project, spec, [spec], { to: 'approved', now: NOW });
    assert.deepEqual([change.changed, change.warnings], [true, []]);
    assert.equal(statusIn(abs), 'approved');
    const approved = { ...spec, status: 'approved' };
    await changeStatus(project, approved, [approved], { to: 'implemented', now: NOW });
    assert.equal(statusIn(abs), 'implemented');
  });

  it('refuses implemented when the approval is stale (the content changed since)', async () => {
    const { spec } = specWith('approved');
    recordDecision(project, spec, [spec], { decision: 'approved', as: 'carol@example.com', now: NOW });
    const edited = { ...spec, contentHash: 'changed' };
    const err = await refusal(changeStatus(project, edited, [edited], { to: 'implemented', now: NOW }));
    assert.equal(err.code, 'approval_required');
    assert.match(err.message, /stale/);
    assert.match(err.message, /carol@example\.com .*earlier version/);
  });

  it('accepts a suspect approval (a dependency changed since) with a warning', async () => {
    const dep = specWith('approved').spec;
    const { spec, abs } = specWith('review', [`depends_on: [${dep.id}]`]);
    recordDecision(project, spec, [spec, dep], { decision: 'approved', as: 'bob@example.com', now: NOW });
    const changedDep = { ...dep, contentHash: 'changed' };
    const change = await changeStatus(project, spec, [spec, changedDep], { to: 'approved', now: NOW });
    assert.equal(change.changed, true);
    assert.equal(change.warnings.length, 1);
    assert.match(change.warnings[0], new RegExp(`suspect.*${dep.id}`));
    assert.equal(statusIn(abs), 'approved');
  });
});
