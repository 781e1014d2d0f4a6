import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, parseJsonDocument } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

// @sdd cli-frame/CLI-002
describe('--json and --format: one rule in every command', () => {
  const conflicts: string[][] = [
    ['check', '--format', 'text', '--json'],
    ['check', '--json', '--format', 'sarif'],
    ['graph', '--format', 'dot', '--json'],
    ['graph', '--format', 'mermaid', '--json'],
    ['audit', 'export', '--format', 'csv', '--json'],
  ];
  for (const args of conflicts) {
    it(`sdd ${args.join(' ')} → usage error, exit 2, one JSON document`, async () => {
      const repo = makeProject();
      const r = await sdd(args, { cwd: repo });
      assert.equal(r.code, 2, describeRun(r));
      assert.equal(r.stderr, '');
      const error = parseJsonDocument(r.stdout).error as { code: string; message: string; fix: string };
      assert.equal(error.code, 'usage');
      assert.match(error.message, /^--json and --format \w+ ask for two different outputs on stdout$/);
      assert.match(error.fix, /--output <file>/);
    });
  }

  const agreeing: Array<[args: string[], check: (stdout: string) => void]> = [
    [['check', '--json', '--format', 'json'], (s) => assert.ok(Array.isArray(parseJsonDocument(s).findings))],
    [['graph', '--json'], (s) => assert.ok(Array.isArray(parseJsonDocument(s).nodes))],
    [['graph', '--format', 'json', '--json'], (s) => assert.ok(Array.isArray(parseJsonDocument(s).nodes))],
    [['graph', '--format', 'dot'], (s) => assert.match(s, /^digraph/m)],
    [['graph'], (s) => assert.match(s, /^(graph|flowchart)/m)],
    [['audit', 'export', '--json'], (s) => assert.ok(Array.isArray(parseJsonDocument(s).events))],
  ];
  for (const [args, check] of agreeing) {
    it(`sdd ${args.join(' ')} prints what was asked`, async () => {
      const repo = makeProject();
      const r = await sdd(args, { cwd: repo });
      assert.ok(r.code === 0 || r.code === 1, describeRun(r));
      check(r.stdout);
    });
  }

  it('with --output, --format is the file and --json the one document on stdout', async () => {
    const repo = makeProject();
    const r = await sdd(['check', '--format', 'sarif', '--output', 'out.sarif', '--json'], { cwd: repo });
    assert.ok(r.code === 0 || r.code === 1, describeRun(r));
    assert.equal(r.stderr, '');
    const doc = parseJsonDocument(r.stdout);
    assert.equal(doc.output, 'out.sarif');
    assert.equal(doc.format, 'sarif');
    assert.equal(JSON.parse(fs.readFileSync(path.join(repo, 'out.sarif'), 'utf8')).version, '2.1.0');
    const csv = await sdd(['audit', 'export', '--format', 'csv', '--output', 'a.csv', '--json'], { cwd: repo });
    assert.equal(csv.code, 0, describeRun(csv));
    assert.equal(parseJsonDocument(csv.stdout).format, 'csv');
  });
});
