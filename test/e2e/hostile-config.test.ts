import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, parseJsonDocument, writeFile, writeSpec } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

const BOUND_MS = 10_000;

async function timed(args: string[], cwd: string) {
  const started = Date.now();
  const run = await runSddInProcess(args, { cwd });
  return { ...run, ms: Date.now() - started };
}

async function project(config = ''): Promise<string> {
  const repo = makeGitRepo();
  const init = await runSddInProcess(['init'], { cwd: repo });
  assert.equal(init.code, 0, describeRun(init));
  if (config) {
    const file = path.join(repo, '.sdd/config.yaml');
    const idPattern = /^  id_pattern: (.*)$/m.exec(config);
    // init writes a requirements section already: an id pattern replaces its value.
    if (idPattern) fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^  id_pattern: .*$/m, () => idPattern[0]));
    else fs.appendFileSync(file, config);
  }
  writeSpec(repo, 'good.md', '---\nid: good\ntitle: Good\nstatus: draft\n---\n- **REQ-001** It MUST work.\n');
  return repo;
}

function findings(stdout: string): Array<Record<string, unknown>> {
  return parseJsonDocument(stdout).findings as Array<Record<string, unknown>>;
}

function configLine(repo: string, key: string): number {
  return fs.readFileSync(path.join(repo, '.sdd/config.yaml'), 'utf8').split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;
}

describe('e2e: cache.path never names a file outside .sdd/', () => {
  for (const [label, value] of [['../', '../src/main.js'], ['absolute', '/tmp/sdd-never-here/main.js'], ['deep ../', '../../../.bashrc'], ['hidden ../', '.cache/../../src/main.js']] as const) {
    it(`${label}: the file is untouched, the default index is used, and validate reports config-schema at the key's line`, async () => {
      const repo = await project(`cache:\n  path: ${value}\n`);
      const target = value.startsWith('/') ? value : path.resolve(repo, '.sdd', value);
      const inRepo = target.startsWith(repo);
      if (inRepo) writeFile(repo, path.relative(repo, target), 'console.log("mine");\n');
      const before = inRepo ? fs.readFileSync(target) : null;
      const run = await runSddInProcess(['validate', '--json'], { cwd: repo });
      assert.equal(run.code, 1, describeRun(run));
      const f = findings(run.stdout).filter((x) => x.rule_id === 'config-schema');
      assert.equal(f.length, 1, describeRun(run));
      assert.equal(f[0].file, '.sdd/config.yaml');
      assert.equal(f[0].line, configLine(repo, 'path'));
      assert.match(String(f[0].message), /cache\.path/);
      if (inRepo) assert.ok(fs.readFileSync(target).equals(before!), 'the user file was overwritten');
      else assert.equal(fs.existsSync(target), false);
      assert.ok(fs.existsSync(path.join(repo, '.sdd/.cache/sdd.db')), 'the default index was not used');
      const clear = await runSddInProcess(['cache', 'clear'], { cwd: repo });
      assert.equal(clear.code, 0, describeRun(clear));
      if (inRepo) assert.ok(fs.readFileSync(target).equals(before!), 'cache clear deleted the user file');
    });
  }

  it('a path inside .sdd/ that holds a file sdd did not write is refused, not replaced or cleared', async () => {
    const repo = await project('cache:\n  path: notes.txt\n');
    const notes = writeFile(repo, '.sdd/notes.txt', 'my notes\n');
    for (const args of [['list'], ['validate'], ['cache', 'clear']]) {
      const run = await runSddInProcess(args, { cwd: repo });
      assert.equal(run.code, 2, describeRun(run));
      assert.match(run.stderr, /notes\.txt is not an SQLite database/);
      assert.match(run.stderr, /cache\.path/);
      assert.doesNotMatch(run.stderr, /internal_error|bug in sdd/);
      assert.equal(fs.readFileSync(notes, 'utf8'), 'my notes\n');
    }
  });

  it('an SQLite database sdd did not create keeps its tables', async () => {
    const repo = await project('cache:\n  path: app.db\n');
    const { default: Sqlite } = await import('better-sqlite3');
    const file = path.join(repo, '.sdd/app.db');
    const db = new Sqlite(file);
    db.exec('CREATE TABLE users(name TEXT); INSERT INTO users VALUES (\'ada\')');
    db.close();
    const run = await runSddInProcess(['list'], { cwd: repo });
    assert.equal(run.code, 2, describeRun(run));
    assert.match(run.stderr, /SQLite database that sdd did not create/);
    const again = new Sqlite(file, { readonly: true });
    assert.deepEqual(again.prepare('SELECT name FROM users').all(), [{ name: 'ada' }]);
    again.close();
  });

  it('a symbolic link at the index path is never followed into a write (reads are answered from another place)', async () => {
    const repo = await project('cache:\n  path: link.db\n');
    const mine = writeFile(repo, 'src/main.js', 'mine\n');
    fs.symlinkSync(mine, path.join(repo, '.sdd/link.db'));
    const run = await runSddInProcess(['list'], { cwd: repo });
    assert.equal(run.code, 0, describeRun(run));
    assert.match(run.stdout, /^good\t/m);
    assert.ok(fs.lstatSync(path.join(repo, '.sdd/link.db')).isSymbolicLink());
    assert.equal(fs.readFileSync(mine, 'utf8'), 'mine\n');
  });

  it('garbage at the default index path is still rebuilt silently', async () => {
    const repo = await project();
    writeFile(repo, '.sdd/.cache/sdd.db', 'garbage');
    const run = await runSddInProcess(['list'], { cwd: repo });
    assert.equal(run.code, 0, describeRun(run));
  });
});

describe('e2e: user regexes outside policies run with a bound', () => {
  it('requirements.id_pattern "(A+)+B" does not hang list or check; validate reports it at its line', async () => {
    const repo = await project('requirements:\n  id_pattern: "(A+)+B"\n');
    writeSpec(repo, 'long.md', `---\nid: long\ntitle: Long\nstatus: draft\n---\n- ${'A'.repeat(5000)}\n# ${'A'.repeat(5000)}\n`);
    const list = await timed(['list'], repo);
    assert.equal(list.code, 0, describeRun(list));
    assert.ok(list.ms < BOUND_MS, `list took ${list.ms} ms`);
    const check = await timed(['validate', '--json'], repo);
    assert.ok(check.ms < BOUND_MS, `validate took ${check.ms} ms`);
    // A pattern without lookarounds runs on the linear engine, so it is no finding.
    assert.equal(check.code, 0, describeRun(check));
  });

  it('an id_pattern the linear engine cannot take is a config-schema finding at its line, and the default pattern stands', async () => {
    const repo = await project('requirements:\n  id_pattern: "(A+)+(?=B)"\n');
    const run = await timed(['validate', '--json'], repo);
    assert.ok(run.ms < BOUND_MS, `validate took ${run.ms} ms`);
    assert.equal(run.code, 1, describeRun(run));
    const f = findings(run.stdout).filter((x) => x.rule_id === 'config-schema');
    assert.equal(f.length, 1, describeRun(run));
    assert.equal(f[0].line, configLine(repo, 'id_pattern'));
    assert.match(String(f[0].message), /cannot be run with a time bound/);
    const list = await runSddInProcess(['list', '--json'], { cwd: repo });
    assert.equal(list.code, 0, describeRun(list));
  });

  it('no-placeholders and naming-convention patterns that backtrack do not hang check', async () => {
    const repo = await project([
      'rules:',
      '  no-placeholders:',
      '    options:',
      '      patterns: ["(a+)+b", "(x|x)*y", "(?<=a)(a+)+c"]',
      '  naming-convention:',
      '    options:',
      '      id_pattern: "^(a+)+$"',
      '',
    ].join('\n'));
    writeSpec(repo, 'aaaa.md', `---\nid: ${'a'.repeat(60)}x\ntitle: A\nstatus: approved\n---\n${'a'.repeat(30000)}\n${'x'.repeat(30000)}\nTODO ${'A'.repeat(40)}B\n`);
    const run = await timed(['check', '--json'], repo);
    assert.ok(run.ms < BOUND_MS, `check took ${run.ms} ms`);
    assert.notEqual(run.code, 2, describeRun(run));
    const f = findings(run.stdout);
    const bad = f.filter((x) => x.rule_id === 'no-placeholders' && /time bound/.test(String(x.message)));
    assert.equal(bad.length, 1, describeRun(run));
    assert.equal(bad[0].file, '.sdd/config.yaml');
    assert.ok(f.some((x) => x.rule_id === 'naming-convention' && /does not match/.test(String(x.message))), describeRun(run));
    assert.ok(f.some((x) => x.rule_id === 'no-placeholders' && /Placeholder "AAAA/.test(String(x.message))), 'case-insensitive patterns still match upper case');
  });
});

describe('e2e: globs in code: stay bounded', () => {
  it('src/*a*a*…c with a 200-character file name: check, drift and trace answer quickly', async () => {
    const repo = await project();
    writeFile(repo, `src/${'a'.repeat(200)}`, 'x\n');
    writeSpec(repo, 'g.md', '---\nid: g\ntitle: G\nstatus: approved\ncode: ["src/*a*a*a*a*a*a*a*a*a*a*a*a*c", "src/{*a*a*a*a*a*a*a*a*a*a*a*a*c,x}"]\n---\n## Requirements\n- **REQ-001** It MUST work.\n');
    for (const args of [['check', '--json'], ['drift', '--json'], ['trace', 'g', '--json']]) {
      const run = await timed(args, repo);
      assert.ok(run.ms < BOUND_MS, `sdd ${args.join(' ')} took ${run.ms} ms`);
      assert.notEqual(run.code, 2, describeRun(run));
    }
  });
});
