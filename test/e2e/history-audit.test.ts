import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, gitEnv, makeGitRepo, makeTempDir, markdownSpec, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/**
 * `sdd history`, `sdd diff` and `sdd audit` read real git history: commits by different authors
 * at fixed times, a status change, a rename, decision files written by `sdd approve`/`reject`.
 */

/** Commits everything staged or changed as `author` at `date` (author and committer date). */
function commitAs(repo: string, author: string, date: string, message: string): string {
  execFileSync('git', ['add', '-A'], { cwd: repo, env: { ...process.env, ...gitEnv() } });
  execFileSync('git', ['commit', '-qm', message], { cwd: repo, env: { ...process.env, ...gitEnv(), GIT_AUTHOR_EMAIL: author, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return git(repo, 'rev-parse', 'HEAD');
}

/** RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold anything with quotes doubled. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      i++;
      for (;;) {
        assert.ok(i < text.length, 'unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          field += text[i++];
        }
      }
      assert.ok(i === text.length || text[i] === ',' || text.startsWith('\r\n', i), `garbage after a quoted field at ${i}`);
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '"' && c !== '\n' && c !== '\r', `bare ${JSON.stringify(c)} in an unquoted field at ${i}`);
      field += c;
      i++;
    }
  }
  assert.equal(field, '', 'the last record must end with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

/** Runs sdd with --json and checks the contract: exit code, one JSON document, nothing on stderr. */
async function json(repo: string, args: string[], code = 0, env?: Record<string, string>): Promise<Record<string, any>> {
  const r = await runSddInProcess([...args, '--json'], { cwd: repo, env });
  assert.equal(r.code, code, describeRun(r));
  assert.equal(r.stderr, '', describeRun(r));
  return parseJsonDocument(r.stdout) as Record<string, any>;
}

const BODY = ['# Login', '', '## Requirements', '', '- **REQ-001** The service MUST check the password.', '- **REQ-002** The service SHOULD lock after 5 failures.', '', '## Notes', '', 'one', 'two', 'three', 'four', 'five', ''].join('\n');
const REJECTION = 'REQ-002 is vague, see "Timeouts",\nand say how long';

describe('e2e: history, diff and audit over real git history', () => {
  let repo: string;
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo });
  const commits: Record<string, string> = {};

  before(async () => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    writeFile(repo, '.sdd/access.yml', 'domains:\n  core:\n    reviewers: [bob@example.com]\n');
    const fields = { id: 'login', title: 'Login', status: 'draft', domain: 'core', owner: 'ada@example.com' };
    writeFile(repo, '.sdd/specs/core/login.md', markdownSpec(fields, BODY));
    writeFile(repo, '.sdd/specs/core/logout.md', markdownSpec({ id: 'logout', title: 'Logout', status: 'review', domain: 'core' }, '# Logout\n'));
    writeFile(repo, '.sdd/specs/legacy.md', markdownSpec({ id: 'legacy', title: 'Legacy', status: 'deprecated' }, '# Legacy\n'));
    commits.created = commitAs(repo, 'ada@example.com', '2024-05-01T10:00:00Z', 'login spec');

    writeFile(repo, '.sdd/specs/core/login.md', markdownSpec({ ...fields, status: 'review', status_reason: '"ready for review"' }, BODY));
    commits.review = commitAs(repo, 'ada@example.com', '2024-05-02T10:00:00Z', 'login to review');

    const approve = await runSddInProcess(['approve', 'login', '--as', 'bob@example.com', '--reason', 'matches the threat model'], { cwd: repo, env: { SDD_NOW: '2024-05-03T10:00:00.000Z' } });
    assert.equal(approve.code, 0, describeRun(approve));
    const reject = await runSddInProcess(['reject', 'logout', '--as', 'bob@example.com', '--reason', REJECTION], { cwd: repo, env: { SDD_NOW: '2024-05-03T10:30:00.000Z' } });
    assert.equal(reject.code, 0, describeRun(reject));
    commits.decisions = commitAs(repo, 'carol@example.com', '2024-05-03T11:00:00Z', 'decisions');

    fs.mkdirSync(path.join(repo, '.sdd/specs/auth'));
    git(repo, 'mv', '.sdd/specs/core/login.md', '.sdd/specs/auth/sign-in.md');
    writeFile(repo, '.sdd/specs/auth/sign-in.md', markdownSpec({ ...fields, status: 'review', status_reason: '"ready for review"', priority: 'high' }, BODY.replace('lock after 5 failures', 'lock after 3 failures')));
    fs.rmSync(path.join(repo, '.sdd/specs/legacy.md'));
    commits.renamed = commitAs(repo, 'dan@example.com', '2024-05-04T10:00:00Z', 'rename login, drop legacy');

    fs.appendFileSync(path.join(repo, '.sdd/specs/auth/sign-in.md'), 'six\n');
  });

  // @sdd audit-trail/AUD-001
  it('history lists every version, following the rename, plus the uncommitted working tree', async () => {
    const doc = await json(repo, ['history', 'login']);
    assert.deepEqual(doc.spec, { id: 'login', title: 'Login', file: '.sdd/specs/auth/sign-in.md' });
    assert.deepEqual(doc.versions.map((v: any) => [v.version, v.commit, v.author, v.status, v.status_changed_from, v.file]), [
      [1, commits.created, 'ada@example.com', 'draft', null, '.sdd/specs/core/login.md'],
      [2, commits.review, 'ada@example.com', 'review', 'draft', '.sdd/specs/core/login.md'],
      [3, commits.renamed, 'dan@example.com', 'review', null, '.sdd/specs/auth/sign-in.md'],
      [4, null, null, 'review', null, '.sdd/specs/auth/sign-in.md'],
    ]);
    assert.equal(doc.versions[0].date, '2024-05-01T10:00:00Z');
    // A status change keeps the content hash; the edit in version 3 does not.
    assert.equal(doc.versions[0].content_hash, doc.versions[1].content_hash);
    assert.notEqual(doc.versions[1].content_hash, doc.versions[2].content_hash);
    assert.match(doc.versions[0].content_hash, /^sha256:[0-9a-f]{64}$/);
  });

  // @sdd audit-trail/AUD-001
  it('history merges the decisions into the timeline, saying which version each is of', async () => {
    const doc = await json(repo, ['history', 'login']);
    assert.deepEqual(doc.events.map((e: any) => e.kind === 'version' ? `v${e.version}` : e.kind), ['v1', 'v2', 'approved', 'v3', 'v4']);
    const approval = doc.events[2];
    assert.equal(approval.actor, 'bob@example.com');
    assert.equal(approval.time, '2024-05-03T10:00:00Z');
    assert.equal(approval.reason, 'matches the threat model');
    assert.equal(approval.version, 2);
    assert.equal(approval.matches_version, true);
    assert.equal(approval.content_version, 2);
    assert.equal(approval.verified, true);
    assert.equal(approval.content_hash, doc.versions[1].content_hash);

    const text = await sdd('history', 'login');
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /v2 \(\w{7}\)\s+ada@example\.com\s+draft → review/);
    assert.match(text.stdout, /approved by bob@example\.com of v2: "matches the threat model"/);
    assert.match(text.stdout, /v3 .*dan@example\.com.*renamed from \.sdd\/specs\/core\/login\.md/);
    assert.match(text.stdout, /v4 \(working tree\)/);
  });

  it('diff with no versions compares the previous version with the working tree', async () => {
    const doc = await json(repo, ['diff', 'login']);
    assert.equal(doc.from.version, 3);
    assert.equal(doc.to.version, 4);
    assert.equal(doc.to.commit, null);
    assert.deepEqual(doc.metadata, []);
    assert.equal(doc.content_changed, true);
    assert.match(doc.body_diff, /^@@ -12,3 \+12,4 @@\n three\n four\n five\n\+six\n$/m);
  });

  // @sdd audit-trail/AUD-002
  it('diff shows a field change field by field and no body change for a status-only version', async () => {
    const doc = await json(repo, ['diff', 'login', '1', '2']);
    assert.deepEqual(doc.metadata, [
      { field: 'status', from: 'draft', to: 'review' },
      { field: 'status_reason', from: null, to: 'ready for review' },
    ]);
    assert.equal(doc.body_diff, '');
    assert.equal(doc.content_changed, false);

    const text = await sdd('diff', 'login', '1', '2');
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /~ status: draft → review/);
    assert.match(text.stdout, /\+ status_reason: ready for review/);
  });

  // @sdd audit-trail/AUD-002
  it('diff from `approved` shows what changed since the approval: the new field and a body hunk', async () => {
    const doc = await json(repo, ['diff', 'login', 'approved', commits.renamed.slice(0, 8)]);
    assert.equal(doc.from.version, 2);
    assert.equal(doc.from.file, '.sdd/specs/core/login.md');
    assert.equal(doc.to.version, 3);
    assert.deepEqual(doc.metadata, [{ field: 'priority', from: null, to: 'high' }]);
    assert.equal(doc.content_changed, true);
    assert.ok(doc.body_diff.startsWith('--- .sdd/specs/core/login.md\tv2 '), doc.body_diff);
    assert.match(doc.body_diff, /^\+\+\+ \.sdd\/specs\/auth\/sign-in\.md\tv3 /m);
    assert.match(doc.body_diff, /^-- \*\*REQ-002\*\* The service SHOULD lock after 5 failures\.\n\+- \*\*REQ-002\*\* The service SHOULD lock after 3 failures\.$/m);

    const text = await sdd('diff', 'login', 'approved', 'v3');
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /^Metadata\n {2}\+ priority: high$/m);
    assert.match(text.stdout, /^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  });

  it('diff refuses an unknown version, listing the valid ones, and `approved` without an approval', async () => {
    const unknown = await json(repo, ['diff', 'login', '9'], 2);
    assert.equal(unknown.error.code, 'version_not_found');
    assert.equal(unknown.error.target, '.sdd/specs/auth/sign-in.md');
    assert.match(unknown.error.fix, /v1 \(\w{7}\), v2 \(\w{7}\), v3 \(\w{7}\), v4 \(working tree\)/);

    const text = await sdd('diff', 'login', 'nonsense');
    assert.equal(text.code, 2, describeRun(text));
    assert.match(text.stderr, /^Error: .*"nonsense" names no version/m);
    assert.match(text.stderr, /^Fix: Valid versions: v1/m);

    const none = await json(repo, ['diff', 'logout', 'approved'], 2);
    assert.equal(none.error.code, 'no_approval');
    assert.match(none.error.fix, /sdd history/);
  });

  // @sdd audit-trail/AUD-003
  it('audit logs joins git history with the decision files, in time order', async () => {
    const doc = await json(repo, ['audit', 'logs']);
    const rows = doc.events.map((e: any) => `${e.time} ${e.actor} ${e.action} ${e.resource}`);
    // Events of one commit keep git's order (by path).
    assert.deepEqual(rows, [
      '2024-05-01T10:00:00Z ada@example.com spec.created login',
      '2024-05-01T10:00:00Z ada@example.com spec.created logout',
      '2024-05-01T10:00:00Z ada@example.com spec.created legacy',
      '2024-05-02T10:00:00Z ada@example.com spec.status_changed login',
      '2024-05-03T10:00:00Z bob@example.com spec.approved login',
      '2024-05-03T10:30:00Z bob@example.com spec.rejected logout',
      '2024-05-04T10:00:00Z dan@example.com spec.updated login',
      '2024-05-04T10:00:00Z dan@example.com spec.deleted legacy',
    ]);
    const status = doc.events[3];
    assert.deepEqual(status.details, { file: '.sdd/specs/core/login.md', from: 'draft', to: 'review', reason: 'ready for review' });
    assert.equal(status.commit, commits.review);
    const rejected = doc.events[5];
    assert.equal(rejected.details.reason, REJECTION);
    assert.equal(rejected.commit, commits.review, 'a decision carries the commit HEAD was at');
    const updated = doc.events[6];
    assert.equal(updated.details.renamed_from, '.sdd/specs/core/login.md');
    assert.deepEqual(updated.details.fields, ['priority', 'body']);
    assert.equal(updated.details.content_changed, true);
  });

  // @sdd audit-trail/AUD-003
  it('audit logs filters by actor, action, resource and time', async () => {
    const actions = async (...args: string[]) => (await json(repo, ['audit', 'logs', ...args])).events.map((e: any) => `${e.action} ${e.resource}`);
    assert.deepEqual(await actions('--actor', 'DAN@example.com'), ['spec.updated login', 'spec.deleted legacy']);
    assert.deepEqual(await actions('--action', 'spec.approved,spec.rejected'), ['spec.approved login', 'spec.rejected logout']);
    assert.deepEqual(await actions('--resource', 'logout'), ['spec.created logout', 'spec.rejected logout']);
    assert.deepEqual(await actions('--since', '2024-05-02', '--until', '2024-05-03'), ['spec.status_changed login', 'spec.approved login', 'spec.rejected logout']);
    assert.deepEqual(await actions('--since', '2024-05-03T10:15:00Z', '--action', 'spec.rejected'), ['spec.rejected logout']);
    const bad = await json(repo, ['audit', 'logs', '--action', 'spec.approve'], 2);
    assert.equal(bad.error.code, 'invalid_argument');
    assert.match(bad.error.fix, /spec\.approved/);
  });

  // @sdd audit-trail/AUD-004
  it('audit export writes RFC 4180 CSV that matches --json row for row', async () => {
    const doc = await json(repo, ['audit', 'logs']);
    const r = await sdd('audit', 'export', '--format', 'csv');
    assert.equal(r.code, 0, describeRun(r));
    const [header, ...rows] = parseCsv(r.stdout);
    assert.deepEqual(header, ['time', 'actor', 'action', 'resource', 'commit', 'details']);
    assert.equal(rows.length, doc.events.length);
    rows.forEach((row, i) => {
      const e = doc.events[i];
      assert.deepEqual(row.slice(0, 5), [e.time, e.actor, e.action, e.resource, e.commit ?? '']);
      assert.deepEqual(JSON.parse(row[5]), e.details);
    });
    assert.ok(r.stdout.includes('"{""file""'), 'details are a quoted JSON field');
    // And a CSV reader nobody here wrote agrees: Python's csv module (python3 ships with node-gyp's toolchain).
    const python = execFileSync('python3', ['-c', 'import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))'], { input: r.stdout, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(python), [header, ...rows]);

    const out = path.join(makeTempDir('sdd-audit-out-'), 'audit.csv');
    const written = await json(repo, ['audit', 'export', '--format', 'csv', '--output', out, '--resource', 'logout']);
    assert.deepEqual(written, { version: 1, ok: true, output: out, format: 'csv', events: 2 });
    const fileRows = parseCsv(fs.readFileSync(out, 'utf8'));
    assert.equal(fileRows.length, 3);
    assert.equal(fileRows[2][5], JSON.stringify(doc.events[5].details));

    const asJson = await sdd('audit', 'export', '--format', 'json');
    assert.equal(asJson.code, 0, describeRun(asJson));
    assert.deepEqual(parseJsonDocument(asJson.stdout), doc);
  });

  it('history and diff name the closest id for an unknown spec', async () => {
    const r = await json(repo, ['history', 'logn'], 2);
    assert.equal(r.error.code, 'spec_not_found');
    assert.match(r.error.fix, /"login"/);
  });
});

// @sdd audit-trail/AUD-005
describe('e2e: audit verify', () => {
  let repo: string;
  let key: string;
  const verify = async (code: number) => json(repo, ['audit', 'verify'], code);

  before(() => {
    repo = makeGitRepo();
    key = path.join(makeTempDir('sdd-keys-'), 'key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key, '-C', 'bob@example.com']);
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/access.yml', 'domains:\n  core:\n    reviewers: [bob@example.com]\n');
    writeFile(repo, '.sdd/allowed_signers', `bob@example.com namespaces="sdd-approval" ${fs.readFileSync(key + '.pub', 'utf8').trim()}\n`);
    for (const id of ['alpha', 'beta', 'gamma']) writeFile(repo, `.sdd/specs/${id}.md`, markdownSpec({ id, title: id, status: 'review', domain: 'core' }, `# ${id}\n`));
    commitAs(repo, 'ada@example.com', '2024-05-01T10:00:00Z', 'specs');
  });

  const decisionFile = (id: string) => {
    const dir = path.join(repo, '.sdd/approvals', id);
    return path.join('.sdd/approvals', id, fs.readdirSync(dir)[0]);
  };

  it('passes when every decision is signed by an allowed key and untouched', async () => {
    const empty = await verify(0);
    assert.deepEqual(empty, { version: 1, ok: true, checked: 0, problems: [] });
    for (const id of ['alpha', 'beta', 'gamma']) {
      const r = await runSddInProcess(['approve', id, '--as', 'bob@example.com', '--key', key, '--json'], { cwd: repo });
      assert.equal(r.code, 0, describeRun(r));
      assert.equal(parseJsonDocument(r.stdout).verified, true);
    }
    commitAs(repo, 'bob@example.com', '2024-05-02T10:00:00Z', 'approvals');
    assert.deepEqual(await verify(0), { version: 1, ok: true, checked: 3, problems: [] });
    const text = await runSddInProcess(['audit', 'verify'], { cwd: repo });
    assert.equal(text.code, 0, describeRun(text));
    assert.match(text.stdout, /3 decision files verified/);
  });

  it('fails for a decision edited after its commit: the signature breaks and git shows the edit', async () => {
    const file = decisionFile('alpha');
    const abs = path.join(repo, file);
    const original = fs.readFileSync(abs, 'utf8');
    fs.writeFileSync(abs, original.replace('"reason": null', '"reason": "rubber stamp"'));
    const doc = await verify(1);
    assert.equal(doc.ok, false);
    assert.equal(doc.checked, 3);
    assert.deepEqual(doc.problems.map((p: any) => [p.file, p.problem]), [[file, 'bad_signature'], [file, 'modified_after_commit']]);
    assert.match(doc.problems[1].message, /working tree/);

    commitAs(repo, 'mallory@example.com', '2024-05-03T10:00:00Z', 'tweak');
    const committed = await verify(1);
    assert.match(committed.problems.find((p: any) => p.problem === 'modified_after_commit').message, /by mallory@example\.com/);

    const text = await runSddInProcess(['audit', 'verify'], { cwd: repo });
    assert.equal(text.code, 1, describeRun(text));
    assert.ok(text.stdout.includes(`${file}:`), text.stdout);
    assert.match(text.stdout, /modified_after_commit/);
    assert.match(text.stdout, /fix: Restore it: `git checkout \w{7} -- /);
    assert.match(text.stdout, /✖ 2 problems in 1 decision file/);

    fs.writeFileSync(abs, original);
    commitAs(repo, 'bob@example.com', '2024-05-03T11:00:00Z', 'restore');
  });

  it('fails for a decision deleted after its commit, in the working tree or committed', async () => {
    // The restore above is itself a later modification in history: alpha stays reported.
    const before = (await verify(1)).problems.map((p: any) => p.problem);
    assert.deepEqual(before, ['modified_after_commit']);

    const file = decisionFile('beta');
    fs.rmSync(path.join(repo, file));
    let doc = await verify(1);
    assert.deepEqual(doc.problems.filter((p: any) => p.file === file).map((p: any) => p.problem), ['deleted_after_commit']);
    assert.equal(doc.checked, 2);

    commitAs(repo, 'mallory@example.com', '2024-05-04T10:00:00Z', 'drop a decision');
    doc = await verify(1);
    const deleted = doc.problems.find((p: any) => p.file === file);
    assert.equal(deleted.problem, 'deleted_after_commit');
    assert.match(deleted.message, /by mallory@example\.com/);
  });
});

describe('e2e: history and audit of a project below the repository root', () => {
  let repo: string;
  let project: string;

  before(() => {
    repo = makeGitRepo();
    project = path.join(repo, 'services', 'auth');
    writeFile(project, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
    writeFile(project, '.sdd/specs/token.md', markdownSpec({ id: 'token', title: 'Token', status: 'draft' }, '# Token\n\nFirst.\n'));
    commitAs(repo, 'ada@example.com', '2024-06-01T10:00:00Z', 'token');
    // Front matter reformatted (keys reordered): no field changed, but the file did.
    writeFile(project, '.sdd/specs/token.md', markdownSpec({ title: 'Token', id: 'token', status: 'draft' }, '# Token\n\nFirst.\n'));
    commitAs(repo, 'bob@example.com', '2024-06-02T10:00:00Z', 'reformat');
    git(repo, 'mv', 'services/auth/.sdd/specs/token.md', 'services/auth/.sdd/specs/tokens.md');
    writeFile(project, '.sdd/specs/tokens.md', markdownSpec({ title: 'Token', id: 'token', status: 'review' }, '# Token\n\nFirst.\nSecond.\n'));
    commitAs(repo, 'carol@example.com', '2024-06-03T10:00:00Z', 'rename, review and edit');
    const request = {
      version: 1, spec: 'token', decision: 'review_requested', principal: 'carol@example.com', role: 'contributor', reason: null,
      timestamp: '2024-06-03T12:00:00.000Z', content_hash: 'sha256:0', dependencies: {}, commit: null, reviewers: ['dan@example.com'], signature: null,
    };
    writeFile(project, '.sdd/approvals/token/20240603T120000Z-review-requested-carol.json', JSON.stringify(request, null, 2) + '\n');
  });

  it('history paths are project-relative and follow the rename', async () => {
    const doc = await json(project, ['history', 'token']);
    assert.deepEqual(doc.versions.map((v: any) => [v.version, v.author, v.file, v.status]), [
      [1, 'ada@example.com', '.sdd/specs/token.md', 'draft'],
      [2, 'bob@example.com', '.sdd/specs/token.md', 'draft'],
      [3, 'carol@example.com', '.sdd/specs/tokens.md', 'review'],
    ]);
    const request = doc.events.at(-1);
    assert.equal(request.kind, 'review_requested');
    assert.equal(request.version, 3);
    assert.equal(request.matches_version, false);
    assert.equal(request.content_version, null);
  });

  it('every commit that touches a spec is in the audit log, and a review request names the reviewers', async () => {
    const doc = await json(project, ['audit', 'logs']);
    assert.deepEqual(doc.events.map((e: any) => [e.actor, e.action, e.details.fields ?? null]), [
      ['ada@example.com', 'spec.created', null],
      ['bob@example.com', 'spec.updated', []],
      ['carol@example.com', 'spec.status_changed', null],
      ['carol@example.com', 'spec.updated', ['body']],
      ['carol@example.com', 'review.requested', null],
    ]);
    assert.equal(doc.events[1].details.content_changed, false);
    assert.equal(doc.events[3].details.renamed_from, '.sdd/specs/token.md');
    assert.deepEqual(doc.events[4].details.reviewers, ['dan@example.com']);
    assert.equal(doc.events[4].details.file, '.sdd/approvals/token/20240603T120000Z-review-requested-carol.json');
  });
});

describe('e2e: a spec edited while resolving a merge conflict', () => {
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    git(repo, 'checkout', '-qb', 'main');
    const spec = (line: string) => markdownSpec({ id: 'merge-me', title: 'Merge me', status: 'draft' }, `# Merge me\n\n${line}\n`);
    writeFile(repo, '.sdd/specs/merge-me.md', spec('original'));
    commitAs(repo, 'ada@example.com', '2024-07-01T10:00:00Z', 'start');
    git(repo, 'checkout', '-qb', 'topic');
    writeFile(repo, '.sdd/specs/merge-me.md', spec('topic wording'));
    commitAs(repo, 'bob@example.com', '2024-07-02T10:00:00Z', 'topic');
    git(repo, 'checkout', '-q', 'main');
    writeFile(repo, '.sdd/specs/merge-me.md', spec('main wording'));
    commitAs(repo, 'carol@example.com', '2024-07-03T10:00:00Z', 'main');
    assert.throws(() => git(repo, 'merge', '-q', 'topic'));
    writeFile(repo, '.sdd/specs/merge-me.md', spec('resolved wording'));
    commitAs(repo, 'dan@example.com', '2024-07-04T10:00:00Z', 'merge topic');
  });

  it('the resolution is a version in history and an edit in the audit log', async () => {
    const history = await json(repo, ['history', 'merge-me']);
    assert.deepEqual(history.versions.map((v: any) => v.author), ['ada@example.com', 'bob@example.com', 'carol@example.com', 'dan@example.com']);
    const diff = await json(repo, ['diff', 'merge-me', '3', '4']);
    assert.match(diff.body_diff, /^-main wording\n\+resolved wording$/m);
    const audit = await json(repo, ['audit', 'logs', '--actor', 'dan@example.com']);
    assert.deepEqual(audit.events.map((e: any) => [e.action, e.details.fields]), [['spec.updated', ['body']]]);
  });
});
