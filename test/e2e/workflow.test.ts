import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';
import { describeRun, git, makeGitRepo, makeTempDir, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/** The front matter of a markdown file, parsed with YAML 1.2 core rules (dates stay strings). */
function frontMatterOf(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  assert.ok(m, `no front matter in ${file}:\n${text}`);
  return jsyaml.load(m[1], { schema: jsyaml.CORE_SCHEMA }) as Record<string, unknown>;
}

/** Every file under `dir` (relative path → bytes), for "nothing changed" assertions. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.name === '.cache') continue;
      if (e.isDirectory()) walk(abs);
      else out.set(path.relative(dir, abs), fs.readFileSync(abs));
    }
  };
  walk(dir);
  return out;
}

describe('e2e: init → new → validate → list → show', () => {
  let repo: string;
  const sdd = (...args: string[]) => runSddInProcess(args, { cwd: repo });

  before(() => {
    repo = makeGitRepo();
  });

  // @sdd project-init/INIT-001, project-init/INIT-003
  it('init creates .sdd/ and says what it created', async () => {
    const r = await sdd('init');
    assert.equal(r.code, 0, describeRun(r));
    for (const f of ['.sdd/config.yaml', '.sdd/constitution.md', '.sdd/access.yml', '.sdd/allowed_signers', '.sdd/.gitignore']) {
      assert.ok(fs.statSync(path.join(repo, f)).isFile(), `${f} missing`);
      assert.match(r.stdout, new RegExp(`^created ${f.replace(/\./g, '\\.')}$`, 'm'));
    }
    assert.ok(fs.statSync(path.join(repo, '.sdd/specs')).isDirectory());
    // The generated config must be valid YAML that sdd itself accepts.
    const config = jsyaml.load(fs.readFileSync(path.join(repo, '.sdd/config.yaml'), 'utf8')) as Record<string, unknown>;
    assert.equal(config.version, 1);
    assert.equal((config.project as Record<string, unknown>).name, path.basename(repo));
  });

  // @sdd project-init/INIT-002
  it('init again changes nothing and never overwrites an edited file', async () => {
    const config = path.join(repo, '.sdd/config.yaml');
    const constitution = path.join(repo, '.sdd/constitution.md');
    fs.appendFileSync(config, '# my edit\n');
    fs.writeFileSync(constitution, 'hand-written constitution\n');
    const before = snapshot(path.join(repo, '.sdd'));

    const r = await sdd('init');
    assert.equal(r.code, 0, describeRun(r));
    assert.doesNotMatch(r.stdout, /created/);
    assert.deepEqual(snapshot(path.join(repo, '.sdd')), before);

    const json = await sdd('init', '--json');
    assert.equal(json.code, 0, describeRun(json));
    const doc = parseJsonDocument(json.stdout);
    assert.deepEqual(doc.created, []);
    assert.ok((doc.existing as string[]).includes('.sdd/config.yaml'));
    assert.deepEqual(snapshot(path.join(repo, '.sdd')), before);
  });

  // @sdd project-init/INIT-002
  it('init recreates only a file that was deleted', async () => {
    const access = path.join(repo, '.sdd/access.yml');
    const original = fs.readFileSync(access);
    fs.rmSync(access);
    const before = snapshot(path.join(repo, '.sdd'));
    const r = await sdd('init', '--json');
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(parseJsonDocument(r.stdout).created, ['.sdd/access.yml']);
    assert.deepEqual(fs.readFileSync(access), original);
    const after = snapshot(path.join(repo, '.sdd'));
    after.delete('access.yml');
    assert.deepEqual(after, before);
  });

  // @sdd spec-authoring/NEW-001, spec-authoring/NEW-004
  it('new spec writes .sdd/specs/<slug>.md from the title', async () => {
    const r = await sdd('new', 'spec', 'User login');
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'created .sdd/specs/user-login.md\n');
    const fm = frontMatterOf(path.join(repo, '.sdd/specs/user-login.md'));
    assert.equal(fm.id, 'user-login');
    assert.equal(fm.title, 'User login');
    assert.equal(fm.status, 'draft');
    assert.match(String(fm.created), /^\d{4}-\d{2}-\d{2}$/);
  });

  // @sdd spec-authoring/NEW-005
  it('new spec with a colon, quotes and a hash in the title writes valid YAML', async () => {
    const title = 'Auth: tokens & "refresh" #2';
    const r = await sdd('new', 'spec', title);
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'created .sdd/specs/auth-tokens-refresh-2.md\n');
    assert.equal(frontMatterOf(path.join(repo, '.sdd/specs/auth-tokens-refresh-2.md')).title, title);
    const show = await sdd('show', 'auth-tokens-refresh-2', '--json');
    assert.equal(show.code, 0, describeRun(show));
    assert.equal((parseJsonDocument(show.stdout).spec as Record<string, unknown>).title, title);
  });

  // @sdd spec-authoring/NEW-003
  it('new refuses a duplicate id with exit 2, names the existing file and writes nothing', async () => {
    fs.renameSync(path.join(repo, '.sdd/specs/user-login.md'), path.join(repo, '.sdd/specs/renamed.md'));
    const before = snapshot(path.join(repo, '.sdd'));
    const r = await sdd('new', 'spec', 'Another login', '--id', 'user-login');
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /^Error: .*user-login/m);
    assert.match(r.stderr, /\.sdd\/specs\/renamed\.md/);
    assert.match(r.stderr, /^Fix: /m);
    assert.equal(r.stdout, '');
    assert.deepEqual(snapshot(path.join(repo, '.sdd')), before);
    fs.renameSync(path.join(repo, '.sdd/specs/renamed.md'), path.join(repo, '.sdd/specs/user-login.md'));
  });

  it('new refuses an unknown --depends-on with exit 2 and writes nothing', async () => {
    const before = snapshot(path.join(repo, '.sdd'));
    const r = await sdd('new', 'spec', 'Token refresh', '--depends-on', 'user-login,ghost');
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /"ghost"/);
    assert.doesNotMatch(r.stderr, /"user-login"/);
    assert.deepEqual(snapshot(path.join(repo, '.sdd')), before);
  });

  it('new refuses a malformed --id and an unknown template with exit 2', async () => {
    const bad = await sdd('new', 'spec', 'X', '--id', 'Not_A_Slug');
    assert.equal(bad.code, 2, describeRun(bad));
    assert.match(bad.stderr, /Not_A_Slug/);
    const tpl = await sdd('new', 'rfc', 'X');
    assert.equal(tpl.code, 2, describeRun(tpl));
    assert.match(tpl.stderr, /rfc/);
    assert.match(tpl.stderr, /Fix: .*spec/);
  });

  it('new with metadata files the spec under its domain', async () => {
    const r = await sdd('new', 'spec', 'Token refresh', '--domain', 'auth', '--depends-on', 'user-login', '--phase', '2', '--owner', 'ada@example.test');
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'created .sdd/specs/auth/token-refresh.md\n');
    const fm = frontMatterOf(path.join(repo, '.sdd/specs/auth/token-refresh.md'));
    assert.deepEqual([fm.domain, fm.phase, fm.owner, fm.depends_on], ['auth', 2, 'ada@example.test', ['user-login']]);
  });

  it('validate passes on what new created', async () => {
    const r = await sdd('validate');
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /no problems in 3 files/);
    assert.equal(r.stderr, '');
  });

  // @sdd browsing/BROWSE-002
  it('list prints one tab-separated line per spec, sorted by id', async () => {
    const r = await sdd('list');
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, [
      'auth-tokens-refresh-2\tdraft\t\t\tAuth: tokens & "refresh" #2',
      'token-refresh\tdraft\t2\tauth\tToken refresh',
      'user-login\tdraft\t\t\tUser login',
      '',
    ].join('\n'));
  });

  // @sdd browsing/BROWSE-001
  it('list filters, sorts, counts and has the ls alias', async () => {
    const filtered = await sdd('ls', '--domain', 'auth', '--json');
    assert.equal(filtered.code, 0, describeRun(filtered));
    const doc = parseJsonDocument(filtered.stdout);
    assert.equal(doc.count, 1);
    assert.deepEqual((doc.specs as Array<{ id: string }>).map((s) => s.id), ['token-refresh']);

    const reversed = await sdd('list', '--sort', '-id');
    assert.deepEqual(reversed.stdout.trim().split('\n').map((l) => l.split('\t')[0]), ['user-login', 'token-refresh', 'auth-tokens-refresh-2']);

    const count = await sdd('list', '--count', '--status', 'draft');
    assert.equal(count.stdout, '3\n');

    const badSort = await sdd('list', '--sort', 'colour');
    assert.equal(badSort.code, 2, describeRun(badSort));
    assert.match(badSort.stderr, /colour/);
  });

  // @sdd browsing/BROWSE-003
  it('show --json carries the metadata as written, requirements and both directions of dependency', async () => {
    const r = await sdd('show', 'token-refresh', '--json');
    assert.equal(r.code, 0, describeRun(r));
    const spec = parseJsonDocument(r.stdout).spec as Record<string, unknown>;
    assert.equal(spec.id, 'token-refresh');
    assert.equal(spec.file, '.sdd/specs/auth/token-refresh.md');
    assert.equal(spec.domain, 'auth');
    assert.equal(spec.phase, 2, 'phase: 2 in the file must stay the number 2');
    assert.equal(spec.owner, 'ada@example.test');
    assert.deepEqual(spec.depends_on, ['user-login']);
    assert.match(String(spec.content_hash), /^sha256:[0-9a-f]{64}$/);
    const reqs = spec.requirements as Array<{ id: string; keyword: string; line: number }>;
    assert.equal(reqs.length, 1);
    assert.equal(reqs[0].id, 'REQ-001');
    assert.equal(reqs[0].keyword, 'MUST');
    const lines = fs.readFileSync(path.join(repo, '.sdd/specs/auth/token-refresh.md'), 'utf8').split('\n');
    assert.match(lines[reqs[0].line - 1], /REQ-001/);

    const dep = parseJsonDocument((await sdd('show', 'user-login', '--json')).stdout).spec as Record<string, unknown>;
    assert.deepEqual(dep.dependents, ['token-refresh']);
  });

  it('show prints a human summary', async () => {
    const r = await sdd('show', 'user-login');
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^user-login {2}User login$/m);
    assert.match(r.stdout, /^status +draft$/m);
    assert.match(r.stdout, /^ {2}REQ-001 +MUST +The system MUST/m);
    assert.match(r.stdout, /^Dependents \(1\)\n {2}token-refresh {2}Token refresh/m);
  });

  // @sdd browsing/BROWSE-004
  it('show of an unknown id exits 2 and suggests the closest id', async () => {
    const r = await sdd('show', 'user-logn');
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /^Error: .*"user-logn"/m);
    assert.match(r.stderr, /Did you mean "user-login"/);
    assert.equal(r.stdout, '');
  });

  it('sees edits made after the previous command', async () => {
    const file = path.join(repo, '.sdd/specs/user-login.md');
    const text = fs.readFileSync(file, 'utf8');
    // Same size and (very likely) the same mtime second, so a size/mtime-only freshness check would miss it.
    fs.writeFileSync(file, text.replace('title: User login', 'title: User LOGIN'));
    const r = await sdd('list', '--json');
    const specs = parseJsonDocument(r.stdout).specs as Array<{ id: string; title: string }>;
    assert.equal(specs.find((s) => s.id === 'user-login')?.title, 'User LOGIN');
    fs.writeFileSync(file, text);
    const again = await sdd('list', '--json');
    const restored = parseJsonDocument(again.stdout).specs as Array<{ id: string; title: string }>;
    assert.equal(restored.find((s) => s.id === 'user-login')?.title, 'User login');
  });
});

describe('e2e: templates and git', () => {
  // @sdd spec-authoring/NEW-002
  it('.sdd/templates/spec.md overrides the built-in template', async () => {
    const repo = makeGitRepo();
    await runSddInProcess(['init'], { cwd: repo });
    writeFile(repo, '.sdd/templates/spec.md', '---\nid: {{id}}\ntitle: {{title}}\nstatus: draft\nteam: platform\n---\n# {{title}}\n\nOUR OWN TEMPLATE\n');
    const r = await runSddInProcess(['new', 'spec', 'Custom: one'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const text = fs.readFileSync(path.join(repo, '.sdd/specs/custom-one.md'), 'utf8');
    assert.match(text, /OUR OWN TEMPLATE/);
    assert.doesNotMatch(text, /## Context/);
    assert.equal(frontMatterOf(path.join(repo, '.sdd/specs/custom-one.md')).team, 'platform');
    const v = await runSddInProcess(['validate'], { cwd: repo });
    assert.equal(v.code, 0, describeRun(v));
  });

  it('a project template that does not set the id is refused without writing a file', async () => {
    const repo = makeGitRepo();
    await runSddInProcess(['init'], { cwd: repo });
    writeFile(repo, '.sdd/templates/note.md', '---\ntitle: {{title}}\nstatus: draft\n---\n');
    const r = await runSddInProcess(['new', 'note', 'A note'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.match(r.stderr, /\.sdd\/templates\/note\.md/);
    assert.deepEqual(fs.readdirSync(path.join(repo, '.sdd/specs')), []);
  });

  it('new takes the owner from the repository git config', async () => {
    const repo = makeGitRepo();
    git(repo, 'config', 'user.email', 'owner@example.test');
    await runSddInProcess(['init'], { cwd: repo });
    const r = await runSddInProcess(['new', 'spec', 'Owned'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(frontMatterOf(path.join(repo, '.sdd/specs/owned.md')).owner, 'owner@example.test');
  });

  it('new leaves owner out when git has no user.email', async () => {
    const repo = makeGitRepo();
    await runSddInProcess(['init'], { cwd: repo });
    const r = await runSddInProcess(['new', 'spec', 'Unowned'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.ok(!('owner' in frontMatterOf(path.join(repo, '.sdd/specs/unowned.md'))));
  });
});

describe('e2e: finding the project', () => {
  let repo: string;
  before(async () => {
    repo = makeGitRepo();
    await runSddInProcess(['init'], { cwd: repo });
    await runSddInProcess(['new', 'spec', 'Deep spec', '--domain', 'auth'], { cwd: repo });
    fs.mkdirSync(path.join(repo, 'src/lib/deep'), { recursive: true });
  });

  // @sdd spec-model/MODEL-001
  it('walks up from a subdirectory to the folder holding .sdd/', async () => {
    const r = await runSddInProcess(['list', '--json'], { cwd: path.join(repo, 'src/lib/deep') });
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual((parseJsonDocument(r.stdout).specs as Array<{ id: string; file: string }>).map((s) => [s.id, s.file]), [['deep-spec', '.sdd/specs/auth/deep-spec.md']]);
  });

  it('resolves validate paths against the directory it runs in', async () => {
    const r = await runSddInProcess(['validate', 'auth', '--json'], { cwd: path.join(repo, '.sdd/specs') });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(parseJsonDocument(r.stdout).files_checked, 1);
    // A path that matches no spec is an error, not a pass over zero files.
    const none = await runSddInProcess(['validate', 'other', '--json'], { cwd: path.join(repo, '.sdd/specs') });
    assert.equal(none.code, 2, describeRun(none));
    assert.equal((parseJsonDocument(none.stdout).error as { code: string }).code, 'no_matching_files');
  });

  // @sdd cli-frame/CLI-001
  it('--cwd works from another directory, before or after the command', async () => {
    const elsewhere = makeTempDir();
    for (const args of [['list', '--cwd', repo], ['--cwd', repo, 'list'], [`--cwd=${path.join(repo, 'src')}`, 'list']]) {
      const r = await runSddInProcess(args, { cwd: elsewhere });
      assert.equal(r.code, 0, `${args.join(' ')}\n${describeRun(r)}`);
      assert.match(r.stdout, /^deep-spec\t/m, args.join(' '));
    }
  });

  it('--cwd with a relative path is resolved against the current directory', async () => {
    const parent = path.dirname(repo);
    const r = await runSddInProcess(['show', 'deep-spec', '--cwd', path.basename(repo), '--json'], { cwd: parent });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal((parseJsonDocument(r.stdout).spec as { id: string }).id, 'deep-spec');
  });

  it('init --cwd sets up another directory and leaves the current one alone', async () => {
    const here = makeTempDir();
    const there = makeGitRepo();
    const r = await runSddInProcess(['init', '--cwd', there], { cwd: here });
    assert.equal(r.code, 0, describeRun(r));
    assert.ok(fs.existsSync(path.join(there, '.sdd/config.yaml')));
    assert.deepEqual(fs.readdirSync(here), []);
  });

  it('outside any project, commands exit 2 with not-initialised advice', async () => {
    const empty = makeTempDir();
    for (const args of [['list'], ['validate'], ['show', 'x'], ['new', 'spec', 'X']]) {
      const r = await runSddInProcess(args, { cwd: empty });
      assert.equal(r.code, 2, `${args.join(' ')}\n${describeRun(r)}`);
      assert.match(r.stderr, /^Error: No \.sdd\/ directory found/m, args.join(' '));
      assert.match(r.stderr, /^Fix: .*sdd init/m);
    }
    assert.deepEqual(fs.readdirSync(empty), []);
  });
});
