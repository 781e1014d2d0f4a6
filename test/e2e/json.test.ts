import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, makeTempDir, parseJsonDocument, runSdd, writeFile, writeSpec, type RunResult } from '../helpers/cli.js';

/**
 * The --json contract: exactly one JSON document on stdout, `version: 1` first, nothing at all on
 * stderr, whatever happened. Returns the document.
 */
function assertJsonContract(r: RunResult, what: string): Record<string, unknown> {
  assert.equal(r.stderr, '', `${what}: stderr must be empty with --json\n${describeRun(r)}`);
  let doc: Record<string, unknown>;
  try {
    doc = parseJsonDocument(r.stdout);
  } catch (err) {
    assert.fail(`${what}: stdout is not exactly one JSON document (${(err as Error).message})\n${describeRun(r)}`);
  }
  assert.equal(doc.version, 1, `${what}: version`);
  assert.equal(Object.keys(doc)[0], 'version', `${what}: version comes first`);
  return doc;
}

function assertJsonError(r: RunResult, what: string, exitCode: number, code: string | RegExp): Record<string, unknown> {
  const doc = assertJsonContract(r, what);
  assert.equal(r.code, exitCode, `${what}: exit code\n${describeRun(r)}`);
  assert.equal(doc.ok, false, what);
  const error = doc.error as Record<string, unknown>;
  assert.ok(error && typeof error === 'object', `${what}: no error object`);
  if (typeof code === 'string') assert.equal(error.code, code, what);
  else assert.match(String(error.code), code, what);
  assert.equal(typeof error.message, 'string', what);
  assert.ok(String(error.message).length > 0, what);
  return error;
}

// @sdd cli-frame/CLI-002
describe('e2e: --json on success', () => {
  let repo: string;
  before(async () => {
    repo = makeGitRepo();
  });

  it('init, new, validate, list and show each print one versioned document and nothing on stderr', async () => {
    const init = await runSdd(['init', '--json'], { cwd: repo });
    assert.equal(init.code, 0, describeRun(init));
    const initDoc = assertJsonContract(init, 'init');
    assert.equal(initDoc.ok, true);
    assert.equal(initDoc.root, repo);
    assert.ok((initDoc.created as string[]).includes('.sdd/config.yaml'));

    const created = await runSdd(['new', 'spec', 'User login', '--json'], { cwd: repo });
    assert.equal(created.code, 0, describeRun(created));
    assert.deepEqual(assertJsonContract(created, 'new'), { version: 1, ok: true, id: 'user-login', file: '.sdd/specs/user-login.md', template: 'spec' });

    const second = await runSdd(['new', 'spec', 'Sessions', '--depends-on', 'user-login', '--json'], { cwd: repo });
    assert.equal(second.code, 0, describeRun(second));
    assertJsonContract(second, 'new with --depends-on');

    const validate = await runSdd(['validate', '--json'], { cwd: repo });
    assert.equal(validate.code, 0, describeRun(validate));
    assert.deepEqual(assertJsonContract(validate, 'validate'), { version: 1, ok: true, files_checked: 2, counts: { errors: 0, warnings: 0, files: 0 }, findings: [] });

    const list = await runSdd(['list', '--json'], { cwd: repo });
    assert.equal(list.code, 0, describeRun(list));
    const listDoc = assertJsonContract(list, 'list');
    assert.equal(listDoc.count, 2);
    const specs = listDoc.specs as Array<Record<string, unknown>>;
    assert.deepEqual(specs.map((s) => s.id), ['sessions', 'user-login']);
    assert.deepEqual(Object.keys(specs[0]).sort(), ['depends_on', 'domain', 'file', 'id', 'kind', 'owner', 'phase', 'status', 'tags', 'title']);

    const count = await runSdd(['list', '--count', '--json'], { cwd: repo });
    assert.deepEqual(assertJsonContract(count, 'list --count'), { version: 1, count: 2 });

    const show = await runSdd(['show', 'user-login', '--json'], { cwd: repo });
    assert.equal(show.code, 0, describeRun(show));
    const spec = assertJsonContract(show, 'show').spec as Record<string, unknown>;
    assert.equal(spec.id, 'user-login');
    assert.deepEqual(spec.dependents, ['sessions']);
    for (const key of ['reviewers', 'code', 'created', 'updated', 'content_hash', 'extra', 'requirements']) assert.ok(key in spec, `show --json lacks ${key}`);
  });

  it('--json also works before the command name', async () => {
    const r = await runSdd(['--json', 'list'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(assertJsonContract(r, '--json list').count, 2);
  });

  // @sdd cli-frame/CLI-001
  it('--quiet does not change the JSON document', async () => {
    const loud = await runSdd(['list', '--json'], { cwd: repo });
    const quiet = await runSdd(['list', '--json', '--quiet'], { cwd: repo });
    assert.equal(quiet.stdout, loud.stdout);
    assert.equal(quiet.stderr, '');
  });
});

// @sdd cli-frame/CLI-002, cli-frame/CLI-003
describe('e2e: --json on failure', () => {
  let repo: string;
  let empty: string;
  before(async () => {
    repo = makeGitRepo();
    empty = makeTempDir();
    await runSdd(['init'], { cwd: repo });
    await runSdd(['new', 'spec', 'User login'], { cwd: repo });
  });

  const usage: Array<[string, string[]]> = [
    ['unknown command', ['bogus', '--json']],
    ['unknown option', ['list', '--bogus', '--json']],
    ['missing spec id', ['show', '--json']],
    ['missing title', ['new', 'spec', '--json']],
  ];
  for (const [what, args] of usage) {
    it(`${what}: exit 2, one error document, empty stderr`, async () => {
      const error = assertJsonError(await runSdd(args, { cwd: repo }), what, 2, /^[a-z][a-z0-9_]*$/);
      assert.ok(typeof error.fix === 'string' && error.fix.length > 0, `${what}: a fix is given`);
    });
  }

  it('no command at all: exit 2, one error document, empty stderr', async () => {
    assertJsonError(await runSdd(['--json'], { cwd: repo }), 'no command', 2, /^[a-z][a-z0-9_]*$/);
  });

  const notInitialised: Array<[string, string[]]> = [
    ['list', ['list', '--json']],
    ['validate', ['validate', '--json']],
    ['show', ['show', 'user-login', '--json']],
    ['new', ['new', 'spec', 'X', '--json']],
  ];
  for (const [what, args] of notInitialised) {
    it(`${what} outside a project: exit 2, not_initialized`, async () => {
      const error = assertJsonError(await runSdd(args, { cwd: empty }), `${what} outside a project`, 2, 'not_initialized');
      assert.match(String(error.fix), /sdd init/);
    });
  }

  it('show of an unknown id: exit 2, spec_not_found', async () => {
    assertJsonError(await runSdd(['show', 'nope', '--json'], { cwd: repo }), 'show nope', 2, 'spec_not_found');
  });

  it('new with a duplicate id: exit 2, duplicate_id with the existing file as target', async () => {
    const error = assertJsonError(await runSdd(['new', 'spec', 'User login', '--json'], { cwd: repo }), 'new duplicate', 2, 'duplicate_id');
    assert.equal(error.target, '.sdd/specs/user-login.md');
  });

  it('new with an unknown dependency: exit 2, unknown_dependency', async () => {
    const error = assertJsonError(await runSdd(['new', 'spec', 'Other', '--depends-on', 'ghost', '--json'], { cwd: repo }), 'new unknown dep', 2, 'unknown_dependency');
    assert.match(String(error.message), /ghost/);
  });

  it('validate with errors: exit 1, ok false, findings listed, empty stderr', async () => {
    const bad = makeGitRepo();
    await runSdd(['init'], { cwd: bad });
    writeSpec(bad, 'a.md', '---\nid: a\ntitle: A\nstatus: finished\n---\n');
    const r = await runSdd(['validate', '--json'], { cwd: bad });
    const doc = assertJsonContract(r, 'validate with errors');
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(doc.ok, false);
    assert.deepEqual(doc.counts, { errors: 1, warnings: 0, files: 1 });
    const [finding] = doc.findings as Array<Record<string, unknown>>;
    assert.deepEqual(
      { rule_id: finding.rule_id, severity: finding.severity, file: finding.file, line: finding.line, column: finding.column, spec_id: finding.spec_id },
      { rule_id: 'spec-schema', severity: 'error', file: '.sdd/specs/a.md', line: 4, column: 1, spec_id: 'a' },
    );
    assert.match(String(finding.message), /finished/);
    assert.match(String(finding.fingerprint), /^[0-9a-f]{32}$/);
  });

  it('malformed config: exit 2, config_invalid with the config line as target', async () => {
    const bad = makeGitRepo();
    await runSdd(['init'], { cwd: bad });
    writeFile(bad, '.sdd/config.yaml', 'version: 1\nproject:\n  name: x\n  oops: : here\n');
    for (const args of [['list', '--json'], ['validate', '--json'], ['show', 'x', '--json'], ['new', 'spec', 'X', '--json']]) {
      const error = assertJsonError(await runSdd(args, { cwd: bad }), args.join(' '), 2, 'config_invalid');
      assert.match(String(error.target), /^\.sdd\/config\.yaml:4(:\d+)?$/, args.join(' '));
    }
  });
});

// @sdd cli-frame/CLI-004
describe('e2e: exit codes without --json', () => {
  let repo: string;
  before(async () => {
    repo = makeGitRepo();
    await runSdd(['init'], { cwd: repo });
    writeSpec(repo, 'ok.md', '---\nid: ok\ntitle: OK\nstatus: draft\n---\n');
  });

  it('0 when clean', async () => {
    const r = await runSdd(['validate'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
  });

  it('1 when validation finds an error', async () => {
    writeSpec(repo, 'bad.md', '---\nid: bad\ntitle: Bad\nstatus: draft\ndepends_on: [ghost]\n---\n');
    const r = await runSdd(['validate'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    fs.rmSync(path.join(repo, '.sdd/specs/bad.md'));
  });

  it('2 for usage errors, with Error: on stderr and nothing on stdout', async () => {
    for (const args of [['bogus'], ['show'], ['list', '--bogus'], ['new', 'spec']]) {
      const r = await runSdd(args, { cwd: repo });
      assert.equal(r.code, 2, `${args.join(' ')}\n${describeRun(r)}`);
      assert.match(r.stderr, /error/i, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  it('2 for a malformed config, naming config.yaml and its line', async () => {
    const config = path.join(repo, '.sdd/config.yaml');
    const original = fs.readFileSync(config);
    fs.writeFileSync(config, 'version: 1\nrequirements:\n  id_pattern: [unclosed\nproject: {}\n');
    try {
      for (const args of [['validate'], ['list'], ['show', 'ok'], ['new', 'spec', 'X']]) {
        const r = await runSdd(args, { cwd: repo });
        assert.equal(r.code, 2, `${args.join(' ')}\n${describeRun(r)}`);
        assert.match(r.stderr, /^Error: \.sdd\/config\.yaml:\d+/m, args.join(' '));
        assert.match(r.stderr, /^Fix: /m);
      }
      fs.writeFileSync(config, 'version: 1\nproject:\n\tname: tabbed\n');
      const tab = await runSdd(['validate'], { cwd: repo });
      assert.equal(tab.code, 2, describeRun(tab));
      assert.match(tab.stderr, /\.sdd\/config\.yaml:3\b/);
      fs.writeFileSync(config, 'version: 1\nversion: 2\n');
      const dup = await runSdd(['validate'], { cwd: repo });
      assert.equal(dup.code, 2, describeRun(dup));
      assert.match(dup.stderr, /\.sdd\/config\.yaml:2\b/);
    } finally {
      fs.writeFileSync(config, original);
    }
    assert.equal(fs.existsSync(path.join(repo, '.sdd/specs/x.md')), false);
  });

  it('a config.yaml key the schema does not know is reported with its line', async () => {
    const config = path.join(repo, '.sdd/config.yaml');
    const original = fs.readFileSync(config);
    fs.writeFileSync(config, 'version: 1\nrequirement:\n  id_pattern: "SEC-[0-9]+"\n');
    try {
      const r = await runSdd(['validate', '--json'], { cwd: repo });
      assert.notEqual(r.code, 0, `a misspelt config key must not pass silently\n${describeRun(r)}`);
      const doc = JSON.parse(r.stdout) as { error?: { target?: string }; findings?: Array<{ file: string; line: number }> };
      const located = (doc.error?.target ?? '').startsWith('.sdd/config.yaml:2') || (doc.findings ?? []).some((f) => f.file === '.sdd/config.yaml' && f.line === 2);
      assert.ok(located, `expected .sdd/config.yaml line 2 to be named\n${describeRun(r)}`);
    } finally {
      fs.writeFileSync(config, original);
    }
  });
});
