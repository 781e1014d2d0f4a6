import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeGitRepo, makeTempDir, markdownSpec, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * The index keeps computed approval state, so queries can ask `approved:`, `approval:`,
 * `approver:` and `reviewer:` — and it stays in step when decision files, access.yml or the
 * specs change, even when git reports no change under .sdd/specs/.
 */

const ACCESS = [
  'teams:',
  '  "@core-reviewers": [bob@example.com, carol@example.com]',
  'domains:',
  '  core:',
  '    reviewers: ["@core-reviewers"]',
  '    quorum: 2',
  '  web:',
  '    reviewers: [bob@example.com]',
  '',
].join('\n');

const spec = (id: string, status: string, domain: string, extra: Record<string, string> = {}) =>
  markdownSpec({ id, title: id, status, domain, owner: 'ada@example.com', ...extra }, `# ${id}\n\n- **REQ-001** The system MUST ${id}.\n`);

async function ids(repo: string, query: string): Promise<string[]> {
  const r = await runSddInProcess(['query', query, '--json'], { cwd: repo });
  assert.equal(r.code, 0, describeRun(r));
  return (parseJsonDocument(r.stdout).specs as Array<{ id: string }>).map((s) => s.id);
}

// @sdd approvals/GOV-007
describe('e2e: approval state in the index (unsigned decisions allowed)', () => {
  let repo: string;
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo });

  before(async () => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    writeFile(repo, '.sdd/access.yml', ACCESS);
    writeFile(repo, '.sdd/specs/core/login.md', spec('login', 'review', 'core'));
    writeFile(repo, '.sdd/specs/core/logout.md', spec('logout', 'approved', 'core'));
    writeFile(repo, '.sdd/specs/web/home.md', spec('home', 'review', 'web', { reviewers: '[dana@example.com]' }));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'specs');
  });

  it('without decisions nothing is approved', async () => {
    assert.deepEqual(await ids(repo, 'approved:true'), []);
    assert.deepEqual(await ids(repo, 'approved:false AND status:approved'), ['logout']);
    assert.deepEqual(await ids(repo, 'approval:none'), ['home', 'login', 'logout']);
  });

  it('sees a new decision file although git shows no change under .sdd/specs/', async () => {
    const r = await sdd('approve', 'home', '--as', 'bob@example.com');
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(await ids(repo, 'approved:true'), ['home']);
    assert.deepEqual(await ids(repo, 'approver:bob@example.com'), ['home']);
  });

  it('counts a quorum of distinct reviewers; below it the spec is pending', async () => {
    assert.equal((await sdd('approve', 'login', '--as', 'bob@example.com')).code, 0);
    assert.deepEqual(await ids(repo, 'approval:pending'), ['login']);
    assert.equal((await sdd('approve', 'login', '--as', 'carol@example.com')).code, 0);
    assert.deepEqual(await ids(repo, 'approved:true'), ['home', 'login']);
  });

  it('reviewer: matches front matter, review requests and deciders', async () => {
    assert.deepEqual(await ids(repo, 'reviewer:dana@example.com'), ['home']);
    assert.deepEqual(await ids(repo, 'reviewer:carol@example.com'), ['login']);
    assert.deepEqual(await ids(repo, 'reviewer:BOB@example.com'), ['home', 'login']);
  });

  it('an edit makes the approval stale; undoing the edit brings it back', async () => {
    const file = path.join(repo, '.sdd/specs/core/login.md');
    const original = fs.readFileSync(file, 'utf8');
    fs.appendFileSync(file, '- **REQ-002** The system MUST remember the user.\n');
    assert.deepEqual(await ids(repo, 'approval:stale'), ['login']);
    assert.deepEqual(await ids(repo, 'approved:true'), ['home']);
    fs.writeFileSync(file, original);
    assert.deepEqual(await ids(repo, 'approved:true'), ['home', 'login']);
  });

  it('a change to access.yml is seen: a reviewer who loses the right no longer counts', async () => {
    const access = path.join(repo, '.sdd/access.yml');
    fs.writeFileSync(access, ACCESS.replace('reviewers: [bob@example.com]', 'reviewers: [erin@example.com]'));
    assert.deepEqual(await ids(repo, 'approved:true'), ['login']);
    fs.writeFileSync(access, ACCESS);
    assert.deepEqual(await ids(repo, 'approved:true'), ['home', 'login']);
  });

  it('a changed dependency makes the dependant suspect, which still counts as approved', async () => {
    writeFile(repo, '.sdd/specs/web/home.md', spec('home', 'review', 'web', { reviewers: '[dana@example.com]', depends_on: '[logout]' }));
    assert.equal((await sdd('approve', 'home', '--as', 'bob@example.com')).code, 0);
    assert.deepEqual(await ids(repo, 'approval:approved'), ['home', 'login']);
    fs.appendFileSync(path.join(repo, '.sdd/specs/core/logout.md'), '\nA new paragraph.\n');
    assert.deepEqual(await ids(repo, 'approval:suspect'), ['home']);
    assert.deepEqual(await ids(repo, 'approved:true'), ['home', 'login']);
  });

  it('rejects a bad approved: or approval: value with exit 2', async () => {
    for (const q of ['approved:maybe', 'approval:great']) {
      const r = await sdd('query', q, '--json');
      assert.equal(r.code, 2, describeRun(r));
      // Checked while parsing, like every field's value, so a caret can point at it.
      assert.equal((parseJsonDocument(r.stdout).error as { code: string }).code, 'query_syntax');
    }
  });
});

describe('e2e: signed approvals in the index', () => {
  let repo: string;
  let key: string;

  before(() => {
    repo = makeGitRepo();
    const keys = makeTempDir('sdd-keys-');
    key = path.join(keys, 'bob');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bob@example.com', '-f', key]);
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/access.yml', ACCESS);
    writeFile(repo, '.sdd/allowed_signers', `bob@example.com namespaces="sdd-approval" ${fs.readFileSync(key + '.pub', 'utf8').trim()}\n`);
    writeFile(repo, '.sdd/specs/web/home.md', spec('home', 'review', 'web'));
  });

  // @sdd approvals/GOV-007
  it('verifies once and remembers the verdict: later reads need no ssh-keygen', async () => {
    const r = await runSddInProcess(['approve', 'home', '--as', 'bob@example.com', '--key', key, '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(parseJsonDocument(r.stdout).verified, true);
    assert.deepEqual(await ids(repo, 'approved:true'), ['home']);

    // A PATH with git but without ssh-keygen: a change to the specs forces a recomputation.
    const bin = makeTempDir('sdd-bin-');
    fs.symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), path.join(bin, 'git'));
    fs.appendFileSync(path.join(repo, '.sdd/specs/web/home.md'), '\n');
    const q = await runSddInProcess(['query', 'approved:true', '--json'], { cwd: repo, env: { PATH: bin } });
    assert.equal(q.code, 0, describeRun(q));
    assert.deepEqual((parseJsonDocument(q.stdout).specs as Array<{ id: string }>).map((s) => s.id), ['home']);
  });

  // @sdd approvals/GOV-003
  it('an unsigned decision does not count while signatures are required', async () => {
    writeFile(repo, '.sdd/specs/web/about.md', spec('about', 'review', 'web'));
    const record = {
      version: 1, spec: 'about', decision: 'approved', principal: 'bob@example.com', role: 'reviewer', reason: null,
      timestamp: '2026-01-01T00:00:00.000Z', content_hash: 'sha256:0', dependencies: {}, commit: null, reviewers: [], signature: null,
    };
    const show = await runSddInProcess(['show', 'about', '--json'], { cwd: repo });
    record.content_hash = (parseJsonDocument(show.stdout).spec as { content_hash: string }).content_hash;
    writeFile(repo, '.sdd/approvals/about/20260101T000000Z-approved-bob.json', JSON.stringify(record, null, 2));
    assert.deepEqual(await ids(repo, 'approved:true'), ['home']);
    writeFile(repo, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    assert.deepEqual(await ids(repo, 'approved:true'), ['about', 'home']);
  });
});
