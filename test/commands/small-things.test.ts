import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

describe('small things', () => {
  it('an empty new project: `list` says how to create a spec; a filter with no match says so', async () => {
    const repo = makeGitRepo();
    assert.equal((await sdd(['init'], { cwd: repo })).code, 0);
    const r = await sdd(['list'], { cwd: repo, tty: true });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'No specs yet. Create the first with `sdd new spec "Title"`.\n');
    const filtered = await sdd(['list', '--status', 'draft'], { cwd: makeProject(), tty: true });
    assert.ok(filtered.stdout === 'No specs match.\n' || filtered.stdout.includes('ID'), filtered.stdout);
  });

  it('a misspelt dependency gets a "Did you mean" in validate', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/extra.md', '---\nid: extra\ntitle: Extra\nstatus: draft\ndepends_on: [sesion]\n---\n');
    const r = await sdd(['validate'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stdout, /Did you mean "session"\?/);
  });

  it('hooks: pre-push says "commit it", pre-commit "stage it"', async () => {
    const repo = makeProject();
    assert.equal((await sdd(['hooks', 'install', '--pre-push'], { cwd: repo })).code, 0);
    const hooks = path.join(repo, '.git/hooks');
    assert.match(fs.readFileSync(path.join(hooks, 'pre-commit'), 'utf8'), /fix and stage it;/);
    const push = fs.readFileSync(path.join(hooks, 'pre-push'), 'utf8');
    assert.match(push, /fix and commit it;/);
    assert.doesNotMatch(push, /stage it/);
  });

  it('`new spec` slugs keep non-ASCII letters readable and cut long titles between words', async () => {
    const repo = makeProject();
    const r = await sdd(['new', 'spec', 'Über straße', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /uber-strasse/);
  });
});

describe('a misspelt status', () => {
  it('gets a "Did you mean" in validate', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/extra.md', '---\nid: extra\ntitle: Extra\nstatus: reviw\n---\n');
    const r = await sdd(['validate', '--json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stdout, /Did you mean \\"review\\"\?/);
  });
});

describe('search snippets', () => {
  it('show no raw Markdown markers', async () => {
    const { withoutMarkup } = await import('../../src/commands/search.js');
    const table: Array<[string, string]> = [
      ['## Requirements - **REQ-001** The token MUST expire', 'Requirements - REQ-001 The token MUST expire'],
      ['use `sdd check` and __bold__', 'use sdd check and bold'],
      ['an *emphasised* word', 'an emphasised word'],
      ['a * b * c and snake_case_name', 'a * b * c and snake_case_name'],
    ];
    for (const [raw, shown] of table) assert.equal(withoutMarkup(raw), shown);
    const repo = makeProject();
    const r = await sdd(['search', 'token'], { cwd: repo });
    assert.doesNotMatch(r.stdout, /\*\*|^#+ /m);
  });
});

describe('show: a heading-style requirement', () => {
  it('keeps its heading and its paragraph on separate lines; list items stay on one', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/heads.md', '---\nid: heads\ntitle: Heads\nstatus: draft\n---\n## Requirements\n\n### REQ-010 Token expiry\n\nTokens MUST expire after 30 minutes.\n\n- **REQ-011** Refresh SHOULD be silent.\n');
    const r = await sdd(['show', 'heads'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^ {2}REQ-010 +MUST +Token expiry {2}:\d+\n {24}Tokens MUST expire after 30 minutes\.$/m);
    assert.match(r.stdout, /^ {2}REQ-011 +SHOULD +Refresh SHOULD be silent\. {2}:\d+$/m);
  });
});
