import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeGitRepo, makeTempDir, markdownSpec, parseJsonDocument, writeFile, type RunResult } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * `sdd status` moves specs through their lifecycle by editing one line of the file;
 * `sdd review request|list` asks for reviews and shows the queue. Real git repos, the real CLI.
 */

const ACCESS = 'domains:\n  core:\n    reviewers: [bob@example.com, carol@example.com]\n';

/** A front matter written by hand: comments, odd spacing, flow lists, quotes, CRLF-free. */
const LOGIN = [
  '---',
  '# Login is owned by the auth team.',
  'id:    login        # never change',
  "title: 'Login: the basics'",
  'status:   draft   # lifecycle',
  'domain: core',
  'owner: "ada@example.com"',
  'tags: [ auth,sessions ]',
  'updated: 2024-01-01',
  '---',
  '# Login',
  '',
  '- **REQ-001** The system MUST log users in.   ',
  '',
  '---',
  'status: not front matter',
  '',
].join('\n');

const CACHE_YAML = [
  '# A YAML spec',
  'id: cache',
  'title: "Cache"',
  'status: review',
  'domain: core',
  'owner: ada@example.com',
  'body: |',
  '  # Cache',
  '  status: body text',
  'requirements:',
  '  - {id: REQ-001, text: "The cache MUST be derived."}',
  '',
].join('\n');

const read = (repo: string, rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');

/** Asserts the --json contract: the exit code, one JSON document on stdout, nothing on stderr. */
function jsonOf(r: RunResult, code: number): Record<string, unknown> {
  assert.equal(r.code, code, describeRun(r));
  assert.equal(r.stderr, '', describeRun(r));
  return parseJsonDocument(r.stdout);
}

const errorOf = (doc: Record<string, unknown>) => doc.error as { code: string; message: string; target?: string; fix?: string };

describe('e2e: sdd status', () => {
  let repo: string;
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo, env: { SDD_NOW: '2024-06-30T09:00:00Z' } });

  before(() => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    writeFile(repo, '.sdd/access.yml', ACCESS);
    writeFile(repo, '.sdd/specs/login.md', LOGIN);
    writeFile(repo, '.sdd/specs/cache.yaml', CACHE_YAML);
    writeFile(repo, '.sdd/specs/old.md', markdownSpec({ id: 'old', title: 'Old', status: 'implemented', domain: 'core' }, '# Old\n'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'specs');
  });

  // @sdd lifecycle/LIF-003
  it('draft → review edits the status line (and an existing updated:) only, byte for byte', async () => {
    const r = await sdd('status', 'login', 'review');
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'login: draft → review\n  .sdd/specs/login.md\n');
    assert.equal(r.stderr, '');
    assert.equal(read(repo, '.sdd/specs/login.md'), LOGIN
      .replace('status:   draft   # lifecycle', 'status:   review   # lifecycle')
      .replace('updated: 2024-01-01', 'updated: 2024-06-30'));
  });

  it('the same status again is a no-op: exit 0, file untouched', async () => {
    const before = read(repo, '.sdd/specs/login.md');
    const r = await sdd('status', 'login', 'review');
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /already review; nothing changed/);
    assert.equal(read(repo, '.sdd/specs/login.md'), before);
    const doc = jsonOf(await sdd('status', 'login', 'review', '--json'), 0);
    assert.equal(doc.changed, false);
  });

  // @sdd lifecycle/LIF-002
  it('approved is refused without a quorum (exit 2, approval_required), naming the file and how to get one', async () => {
    const before = read(repo, '.sdd/specs/login.md');
    const r = await sdd('status', 'login', 'approved');
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Error: \.sdd\/specs\/login\.md:5: login cannot be approved: it has 0 valid approvals .*needs 1/m);
    assert.match(r.stderr, /^Fix: .*bob@example\.com, carol@example\.com.*`sdd approve login`/m);
    const doc = jsonOf(await sdd('status', 'login', 'approved', '--json'), 2);
    assert.equal(doc.ok, false);
    assert.equal(errorOf(doc).code, 'approval_required');
    assert.equal(errorOf(doc).target, '.sdd/specs/login.md:5');
    assert.equal(read(repo, '.sdd/specs/login.md'), before);
  });

  it('approved is allowed once a reviewer of the domain approved (--json contract)', async () => {
    const a = await sdd('approve', 'login', '--as', 'bob@example.com');
    assert.equal(a.code, 0, describeRun(a));
    const doc = jsonOf(await sdd('status', 'login', 'approved', '--json'), 0);
    assert.deepEqual(doc, { version: 1, ok: true, spec: 'login', from: 'review', to: 'approved', file: '.sdd/specs/login.md', reason: null, changed: true, warnings: [], override_file: null });
    assert.match(read(repo, '.sdd/specs/login.md'), /^status: {3}approved {3}# lifecycle$/m);
  });

  it('refuses a move outside the table with the allowed targets (exit 2)', async () => {
    const r = await sdd('status', 'login', 'deprecated');
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /^Error: \.sdd\/specs\/login\.md:5: login cannot go from approved to deprecated$/m);
    assert.match(r.stderr, /^Fix: From approved a spec may go to: implemented, review, draft\./m);
    const doc = jsonOf(await sdd('status', 'login', 'deprecated', '--json'), 2);
    assert.equal(errorOf(doc).code, 'invalid_transition');
  });

  it('going back from approved needs --reason, which is written as status_reason', async () => {
    const before = read(repo, '.sdd/specs/login.md');
    const r = await sdd('status', 'login', 'draft');
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /needs a reason/);
    assert.match(r.stderr, /^Fix: Run `sdd status login draft --reason/m);
    assert.equal(read(repo, '.sdd/specs/login.md'), before);

    const doc = jsonOf(await sdd('status', 'login', 'draft', '--reason', 'REQ-001: too vague', '--json'), 0);
    assert.equal(doc.reason, 'REQ-001: too vague');
    assert.equal(read(repo, '.sdd/specs/login.md'), before.replace('status:   approved   # lifecycle', 'status:   draft   # lifecycle\nstatus_reason: "REQ-001: too vague"'));
    const show = jsonOf(await sdd('show', 'login', '--json'), 0);
    assert.equal((show.spec as { extra: Record<string, unknown> }).extra.status_reason, 'REQ-001: too vague');
  });

  it('a later move without a reason removes the stale status_reason', async () => {
    const r = await sdd('status', 'login', 'review');
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(read(repo, '.sdd/specs/login.md'), LOGIN
      .replace('status:   draft   # lifecycle', 'status:   review   # lifecycle')
      .replace('updated: 2024-01-01', 'updated: 2024-06-30'));
  });

  it('implemented → deprecated needs no reason; deprecated → draft does', async () => {
    assert.equal((await sdd('status', 'old', 'deprecated')).code, 0);
    assert.equal((await sdd('status', 'old', 'draft')).code, 2);
    assert.equal((await sdd('status', 'old', 'draft', '--reason', 'revived')).code, 0);
    assert.match(read(repo, '.sdd/specs/old.md'), /^status: draft\nstatus_reason: revived\n/m);
  });

  it('works on YAML specs, leaving the body block alone', async () => {
    const refused = await sdd('status', 'cache', 'approved');
    assert.equal(refused.code, 2, describeRun(refused));
    assert.match(refused.stderr, /^Error: \.sdd\/specs\/cache\.yaml:4: /m);
    assert.equal((await sdd('approve', 'cache', '--as', 'carol@example.com')).code, 0);
    const r = await sdd('status', 'cache', 'approved');
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(read(repo, '.sdd/specs/cache.yaml'), CACHE_YAML.replace('status: review', 'status: approved'));
    // Implemented needs code evidence (test/e2e/drift.test.ts): code tagged for the one
    // requirement, and, since that code is newer than the approval, a reviewer's acceptance of it.
    writeFile(repo, 'src/cache.ts', `// ${'@' + 'sdd'} cache/REQ-001\n`);
    git(repo, 'add', 'src/cache.ts');
    git(repo, 'commit', '-qm', 'cache code');
    assert.equal((await sdd('drift', 'accept', 'cache', '--as', 'carol@example.com')).code, 0);
    assert.equal((await sdd('status', 'cache', 'implemented')).code, 0);
    assert.equal(read(repo, '.sdd/specs/cache.yaml'), CACHE_YAML.replace('status: review', 'status: implemented'));
  });

  it('an unknown id or status is refused with a suggestion', async () => {
    const r = await sdd('status', 'logn', 'review');
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /No spec has the id "logn"/);
    assert.match(r.stderr, /Did you mean "login"/);
    const bad = jsonOf(await sdd('status', 'login', 'done', '--json'), 2);
    assert.equal(errorOf(bad).code, 'invalid_argument');
  });

  it('--help lists the transition table', async () => {
    const r = await sdd('status', '--help');
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^Transitions:$/m);
    assert.match(r.stdout, /^ {2}approved → draft +needs --reason$/m);
    assert.match(r.stdout, /^ {2}review → approved +needs approval/m);
    assert.match(r.stdout, /^ {2}\$ sdd status /m);
  });
});

describe('e2e: sdd review', () => {
  let repo: string;
  const at = (now: string) => (...args: string[]) => runSddInProcess(args, { cwd: repo, env: { SDD_NOW: now } });
  const sdd = at('2024-07-10T12:00:00Z');
  const spec = (id: string, status: string) => markdownSpec({ id, title: `Title of ${id}`, status, domain: 'core', owner: 'ada@example.com' }, `# ${id}\n\n- **REQ-001** It MUST ${id}.\n`);

  before(() => {
    repo = makeGitRepo();
    git(repo, 'config', 'user.email', 'carol@example.com');
    writeFile(repo, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    writeFile(repo, '.sdd/access.yml', ACCESS);
    for (const [id, status] of [['alpha', 'draft'], ['beta', 'review'], ['gamma', 'review'], ['delta', 'approved']]) writeFile(repo, `.sdd/specs/${id}.md`, spec(id, status));
  });

  // @sdd lifecycle/LIF-004
  it('request on a draft records a review_requested decision and moves the spec to review', async () => {
    const r = await at('2024-07-01T08:00:00Z')('review', 'request', 'alpha', '--reviewer', 'bob@example.com', '--reviewer', 'Carol@example.com', '--as', 'ada@example.com');
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^Requested review of alpha from bob@example\.com, carol@example\.com, unsigned$/m);
    assert.match(r.stdout, /^Moved alpha from draft to review$/m);
    assert.match(read(repo, '.sdd/specs/alpha.md'), /^status: review$/m);
    const files = fs.readdirSync(path.join(repo, '.sdd/approvals/alpha'));
    assert.deepEqual(files, ['20240701T080000Z-review-requested-ada-example-com.json']);
    const record = JSON.parse(read(repo, `.sdd/approvals/alpha/${files[0]}`)) as Record<string, unknown>;
    assert.equal(record.decision, 'review_requested');
    assert.deepEqual(record.reviewers, ['bob@example.com', 'carol@example.com']);
  });

  it('request on a spec in review keeps its status (--json contract)', async () => {
    const doc = jsonOf(await at('2024-07-05T08:00:00Z')('review', 'request', 'beta', '--reviewer', 'bob@example.com', '--as', 'ada@example.com', '--json'), 0);
    assert.equal(doc.ok, true);
    assert.equal(doc.status, null);
    assert.deepEqual(doc.reviewers, ['bob@example.com']);
    assert.match(String(doc.file), /^\.sdd\/approvals\/beta\/20240705T080000Z-review-requested-/);
  });

  it('warns about a reviewer whose approval would not count', async () => {
    const r = await at('2024-07-06T08:00:00Z')('review', 'request', 'gamma', '--reviewer', 'erin@example.com', '--reviewer', 'ada@example.com', '--as', 'ada@example.com');
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stderr, /erin@example\.com is not a reviewer of domain "core" in \.sdd\/access\.yml/);
    assert.match(r.stderr, /ada@example\.com owns gamma/);
  });

  it('refuses a request without reviewers, with a bad email, or for an approved spec', async () => {
    const none = jsonOf(await sdd('review', 'request', 'beta', '--json'), 2);
    assert.equal(errorOf(none).code, 'invalid_argument');
    assert.match(errorOf(none).fix ?? '', /--reviewer/);
    const bad = await sdd('review', 'request', 'beta', '--reviewer', 'bob');
    assert.equal(bad.code, 2, describeRun(bad));
    assert.match(bad.stderr, /"bob" is not an email address/);
    const approved = jsonOf(await sdd('review', 'request', 'delta', '--reviewer', 'bob@example.com', '--json'), 2);
    assert.equal(errorOf(approved).code, 'invalid_state');
    assert.equal(errorOf(approved).target, '.sdd/specs/delta.md');
    assert.match(errorOf(approved).fix ?? '', /sdd status delta review --reason/);
    assert.equal(fs.existsSync(path.join(repo, '.sdd/approvals/delta')), false);
  });

  // @sdd lifecycle/LIF-004
  it('list shows the queue, longest waiting first, with approvals against the quorum', async () => {
    assert.equal((await sdd('approve', 'beta', '--as', 'bob@example.com')).code, 0);
    writeFile(repo, '.sdd/specs/epsilon.md', spec('epsilon', 'review'));
    const doc = jsonOf(await sdd('review', 'list', '--json'), 0);
    assert.deepEqual(doc.reviews, [
      { id: 'alpha', title: 'Title of alpha', domain: 'core', file: '.sdd/specs/alpha.md', requested_reviewers: ['bob@example.com', 'carol@example.com'], requested_at: '2024-07-01T08:00:00.000Z', waiting_days: 9, approvals: 0, quorum: 1, state: 'pending' },
      { id: 'beta', title: 'Title of beta', domain: 'core', file: '.sdd/specs/beta.md', requested_reviewers: ['bob@example.com'], requested_at: '2024-07-05T08:00:00.000Z', waiting_days: 5, approvals: 1, quorum: 1, state: 'approved' },
      { id: 'gamma', title: 'Title of gamma', domain: 'core', file: '.sdd/specs/gamma.md', requested_reviewers: ['erin@example.com', 'ada@example.com'], requested_at: '2024-07-06T08:00:00.000Z', waiting_days: 4, approvals: 0, quorum: 1, state: 'pending' },
      { id: 'epsilon', title: 'Title of epsilon', domain: 'core', file: '.sdd/specs/epsilon.md', requested_reviewers: [], requested_at: null, waiting_days: null, approvals: 0, quorum: 1, state: 'none' },
    ]);
    const r = await runSddInProcess(['review', 'list'], { cwd: repo, env: { SDD_NOW: '2024-07-10T12:00:00Z' }, tty: true });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^ID +STATE +APPROVALS +WAITING +REVIEWERS +TITLE$/);
    assert.match(lines[1], /^alpha +pending +0\/1 +9d +bob@example\.com, carol@example\.com +Title of alpha$/);
    assert.match(lines[4], /^epsilon +none +0\/1 +unknown +- +Title of epsilon$/);
    // In a pipe: the same rows, tab-separated, without the header.
    const piped = (await sdd('review', 'list')).stdout.trimEnd().split('\n');
    assert.equal(piped[0], 'alpha\tpending\t0/1\t9d\tbob@example.com,carol@example.com\tTitle of alpha');
    assert.equal(piped[3], 'epsilon\tnone\t0/1\tunknown\t-\tTitle of epsilon');
  });

  it('list --mine keeps the specs the git user (or --as) was asked to review', async () => {
    const mine = jsonOf(await sdd('review', 'list', '--mine', '--json'), 0);
    assert.deepEqual((mine.reviews as Array<{ id: string }>).map((x) => x.id), ['alpha']);
    const bob = jsonOf(await sdd('review', 'list', '--mine', '--as', 'BOB@example.com', '--json'), 0);
    assert.deepEqual((bob.reviews as Array<{ id: string }>).map((x) => x.id), ['alpha', 'beta']);
    const nobody = await sdd('review', 'list', '--mine', '--as', 'dan@example.com');
    assert.equal(nobody.code, 0, describeRun(nobody));
    // A pipe gets no rows and the reason on stderr; a terminal gets the reason on stdout.
    assert.equal(nobody.stdout, '');
    assert.equal(nobody.stderr, 'Nothing is waiting for a review by dan@example.com.\n');
    const tty = await runSddInProcess(['review', 'list', '--mine', '--as', 'dan@example.com'], { cwd: repo, env: { SDD_NOW: '2024-07-10T12:00:00Z' }, tty: true });
    assert.equal(tty.stdout, 'Nothing is waiting for a review by dan@example.com.\n');
  });
});

describe('e2e: review and status with signed decisions', () => {
  let repo: string;
  const keys: Record<string, string> = {};
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo });

  before(() => {
    repo = makeGitRepo();
    const dir = makeTempDir('sdd-keys-');
    const signers: string[] = [];
    for (const who of ['ada', 'bob']) {
      keys[who] = path.join(dir, who);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${who}@example.com`, '-f', keys[who]]);
      signers.push(`${who}@example.com namespaces="sdd-approval" ${fs.readFileSync(keys[who] + '.pub', 'utf8').trim()}`);
    }
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/access.yml', 'domains: {core: {reviewers: [bob@example.com]}}\n');
    writeFile(repo, '.sdd/allowed_signers', signers.join('\n') + '\n');
    writeFile(repo, '.sdd/specs/login.md', markdownSpec({ id: 'login', title: 'Login', status: 'draft', domain: 'core', owner: 'ada@example.com' }, '# Login\n\n- **REQ-001** It MUST log in.\n'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'specs');
  });

  it('a signed request moves the draft to review and shows in the queue', async () => {
    const r = await sdd('review', 'request', 'login', '--reviewer', 'bob@example.com', '--as', 'ada@example.com', '--key', keys.ada);
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /from bob@example\.com, signed$/m);
    const doc = jsonOf(await sdd('review', 'list', '--mine', '--as', 'bob@example.com', '--json'), 0);
    assert.deepEqual((doc.reviews as Array<{ id: string; requested_reviewers: string[] }>).map((x) => [x.id, x.requested_reviewers]), [['login', ['bob@example.com']]]);
  });

  it('approved needs a verified signature: refused before, allowed after bob signs', async () => {
    assert.equal((await sdd('status', 'login', 'approved')).code, 2);
    const a = await sdd('approve', 'login', '--as', 'bob@example.com', '--key', keys.bob, '--json');
    assert.equal(jsonOf(a, 0).verified, true);
    const doc = jsonOf(await sdd('status', 'login', 'approved', '--json'), 0);
    assert.deepEqual([doc.from, doc.to], ['review', 'approved']);
  });
});
