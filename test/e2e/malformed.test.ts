import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, parseJsonDocument, writeSpec } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/** A file sdd must never rewrite: its bytes and its mtime (set far in the past, so any write shows). */
interface Pinned {
  file: string;
  bytes: Buffer;
  mtimeMs: number;
}

function pin(file: string): Pinned {
  const past = new Date('2020-01-02T03:04:05Z');
  fs.utimesSync(file, past, past);
  return { file, bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs };
}

function assertUntouched(p: Pinned, after: string): void {
  assert.ok(fs.existsSync(p.file), `${path.basename(p.file)} was deleted by \`sdd ${after}\``);
  assert.ok(fs.readFileSync(p.file).equals(p.bytes), `${path.basename(p.file)} changed after \`sdd ${after}\``);
  assert.equal(fs.statSync(p.file).mtimeMs, p.mtimeMs, `${path.basename(p.file)} was rewritten by \`sdd ${after}\``);
}

// @sdd validation/VAL-007
describe('e2e: a spec file sdd cannot parse is never rewritten', () => {
  let repo: string;
  let pinned: Pinned[];

  before(async () => {
    repo = makeGitRepo();
    const init = await runSddInProcess(['init'], { cwd: repo });
    assert.equal(init.code, 0, describeRun(init));
    writeSpec(repo, 'good.md', '---\nid: good\ntitle: Good\nstatus: draft\n---\n- **REQ-001** It MUST work.\n');
    const files = [
      // Unclosed flow sequence in front matter.
      writeSpec(repo, 'broken.md', '---\nid: broken\ntitle: [Broken\nstatus: draft\n---\n# Body stays\n'),
      // CRLF, a BOM and trailing spaces: easy to "normalise" by accident.
      writeSpec(repo, 'crlf.md', '\uFEFF---\r\nid: crlf  \r\ntitle: : bad\r\nstatus: draft\r\n---\r\nBody\r\n'),
      // A YAML spec with a tab indent.
      writeSpec(repo, 'tabbed.yaml', 'id: tabbed\ntitle: Tabbed\nrequirements:\n\t- id: R-1\n'),
      // No front matter at all.
      writeSpec(repo, 'notes.md', '# Just notes\n\nNo front matter here.\n'),
    ];
    pinned = files.map(pin);
  });

  const commands: string[][] = [
    ['init'],
    ['init', '--json'],
    ['new', 'spec', 'Another one'],
    ['new', 'spec', 'Broken', '--id', 'broken-two', '--json'],
    ['validate'],
    ['validate', '--json'],
    ['validate', '.sdd/specs/broken.md'],
    ['list'],
    ['list', '--json'],
    ['show', 'good'],
    ['show', 'good', '--json'],
    ['show', 'broken'],
  ];
  for (const args of commands) {
    it(`survives \`sdd ${args.join(' ')}\` byte for byte`, async () => {
      const r = await runSddInProcess(args, { cwd: repo });
      assert.notEqual(r.code, null, describeRun(r));
      assert.ok(r.code === 0 || r.code === 1 || r.code === 2, describeRun(r));
      for (const p of pinned) assertUntouched(p, args.join(' '));
    });
  }

  it('validate reports every unparsable file as spec-syntax and exits 1', async () => {
    const r = await runSddInProcess(['validate', '--json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    const findings = parseJsonDocument(r.stdout).findings as Array<{ rule_id: string; file: string; line: number }>;
    const syntax = findings.filter((f) => f.rule_id === 'spec-syntax').map((f) => f.file).sort();
    assert.deepEqual(syntax, ['.sdd/specs/broken.md', '.sdd/specs/crlf.md', '.sdd/specs/notes.md', '.sdd/specs/tabbed.yaml']);
  });

  // @sdd validation/VAL-001
  it('validate names the file line of the YAML error', async () => {
    const r = await runSddInProcess(['validate', '--json'], { cwd: repo });
    const findings = parseJsonDocument(r.stdout).findings as Array<{ rule_id: string; file: string; line: number }>;
    const line = (file: string) => findings.find((f) => f.file === file && f.rule_id === 'spec-syntax')?.line;
    // "title: : bad" is line 3 of crlf.md; the tab is on line 4 of tabbed.yaml.
    assert.equal(line('.sdd/specs/tabbed.yaml'), 4);
    assert.equal(line('.sdd/specs/crlf.md'), 3);
  });

  it('list and show keep working for the parsable specs', async () => {
    const r = await runSddInProcess(['list', '--json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const ids = (parseJsonDocument(r.stdout).specs as Array<{ id: string }>).map((s) => s.id);
    assert.ok(ids.includes('good'), ids.join(', '));
    assert.ok(!ids.includes('broken') && !ids.includes('crlf') && !ids.includes('tabbed'), ids.join(', '));
  });
});
