import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, markdownSpec, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

function spec(fields: Record<string, string>, heading: string): string {
  return markdownSpec(fields, `# ${heading}\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n`);
}

/** The documented identity of a finding: rule, file, spec id and the rule's key; never the line. */
function fingerprint(ruleId: string, file: string, specId: string, key: string): string {
  return createHash('sha256').update([ruleId, file, specId, key].join('\u0000')).digest('hex').slice(0, 32);
}

interface BaselineFile {
  version: number;
  findings: Array<{ fingerprint: string; rule_id: string; file: string; message: string }>;
}

interface FindingJson {
  rule_id: string;
  severity: string;
  file: string;
  line: number;
  column: number | null;
  message: string;
  fingerprint: string;
}

const BETA = '.sdd/specs/a/beta.md';
const GAMMA = '.sdd/specs/b/gamma.md';
const TITLE_PERIOD = { fingerprint: fingerprint('naming-convention', BETA, 'beta', 'title-period'), rule_id: 'naming-convention', file: BETA, message: 'Title ends with a period' };
const DEPRECATED = { fingerprint: fingerprint('no-deprecated-dependency', BETA, 'beta', 'old'), rule_id: 'no-deprecated-dependency', file: BETA, message: 'depends_on names "old", which is deprecated' };
const DANGLING = { fingerprint: fingerprint('dangling-dependency', GAMMA, 'gamma', 'ghost'), rule_id: 'dangling-dependency', file: GAMMA, message: 'depends_on names "ghost", but no spec has that id' };

/** Sorted as the baseline file promises: by file, then fingerprint. */
function sorted<T extends { file: string; fingerprint: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
}

// @sdd checks/CHK-005
/**
 * One project walked through a baseline's life: record today's findings, pass with them, fail on
 * a new one, keep passing when lines move, shrink the baseline when a finding is fixed.
 */
describe('e2e: sdd check --baseline', () => {
  let repo: string;
  const baseline = () => JSON.parse(fs.readFileSync(path.join(repo, '.sdd', 'baseline.json'), 'utf8')) as BaselineFile;

  before(() => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, BETA, spec({ id: 'beta', title: 'Beta.', status: 'draft', depends_on: '[old]' }, 'Beta'));
    writeFile(repo, '.sdd/specs/b/old.md', spec({ id: 'old', title: 'Old', status: 'deprecated' }, 'Old'));
    writeFile(repo, GAMMA, spec({ id: 'gamma', title: 'Gamma', status: 'draft', depends_on: '[ghost]' }, 'Gamma'));
  });

  it('--update-baseline records every finding, sorted, and exits 0', async () => {
    const r = await runSddInProcess(['check', '--baseline', '.sdd/baseline.json', '--update-baseline'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'Recorded 3 findings in .sdd/baseline.json\n');
    assert.equal(r.stderr, '');
    assert.deepEqual(baseline(), { version: 1, findings: sorted([TITLE_PERIOD, DEPRECATED, DANGLING]) });
  });

  it('writes a byte-identical baseline when run again', async () => {
    const first = fs.readFileSync(path.join(repo, '.sdd', 'baseline.json'), 'utf8');
    const r = await runSddInProcess(['check', '--json', '--baseline', '.sdd/baseline.json', '--update-baseline'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stderr, '');
    assert.deepEqual(parseJsonDocument(r.stdout), { version: 1, ok: true, baseline: '.sdd/baseline.json', recorded: 3 });
    assert.equal(fs.readFileSync(path.join(repo, '.sdd', 'baseline.json'), 'utf8'), first);
    assert.deepEqual(fs.readdirSync(path.join(repo, '.sdd')).filter((f) => f.endsWith('.tmp')), []);
  });

  it('with the baseline, the same project passes and says how many findings were accepted', async () => {
    const r = await runSddInProcess(['check', '--baseline', '.sdd/baseline.json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, '✓ no problems in 3 files\n(3 findings accepted by the baseline)\n');
    const json = await runSddInProcess(['check', '--json', '--fail-on', 'warning', '--baseline', '.sdd/baseline.json'], { cwd: repo });
    assert.equal(json.code, 0, describeRun(json));
    assert.equal(json.stderr, '');
    assert.deepEqual(parseJsonDocument(json.stdout), {
      version: 1, ok: true, files_checked: 3, counts: { errors: 0, warnings: 0, files: 0 }, accepted_by_baseline: 3, findings: [],
    });
  });

  it('a new problem fails the check, and only it is reported', async () => {
    writeFile(repo, '.sdd/specs/c/delta.md', spec({ id: 'delta', title: 'Delta', status: 'draft', depends_on: '[nowhere]' }, 'Delta'));
    const r = await runSddInProcess(['check', '--json', '--baseline', '.sdd/baseline.json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    const doc = parseJsonDocument(r.stdout);
    assert.equal(doc.accepted_by_baseline, 3);
    assert.deepEqual(doc.counts, { errors: 1, warnings: 0, files: 1 });
    assert.deepEqual((doc.findings as FindingJson[]).map((f) => [f.rule_id, f.file, f.line, f.column, f.fingerprint]), [
      ['dangling-dependency', '.sdd/specs/c/delta.md', 5, 14, fingerprint('dangling-dependency', '.sdd/specs/c/delta.md', 'delta', 'nowhere')],
    ]);
    const text = await runSddInProcess(['check', '--baseline', '.sdd/baseline.json'], { cwd: repo });
    assert.equal(text.code, 1, describeRun(text));
    assert.equal(text.stdout, [
      '.sdd/specs/c/delta.md',
      '  5:14  error  depends_on names "nowhere", but no spec has that id  dangling-dependency',
      '               fix: Correct the id, create the spec with `sdd new spec "<title>" --id nowhere`, or remove the entry.',
      '',
      '✖ 1 problem (1 error, 0 warnings) in 4 files',
      '(3 findings accepted by the baseline)',
      '',
    ].join('\n'));
    fs.rmSync(path.join(repo, '.sdd', 'specs', 'c'), { recursive: true });
  });

  // @sdd checks/CHK-006
  it('keeps accepting the old findings after lines are inserted above them', async () => {
    for (const file of [BETA, GAMMA]) {
      const abs = path.join(repo, file);
      fs.writeFileSync(abs, fs.readFileSync(abs, 'utf8').replace(/^---\n/, '---\n# moved down\n# by three\n# comment lines\n'));
    }
    const plain = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.deepEqual((parseJsonDocument(plain.stdout).findings as FindingJson[]).map((f) => [f.rule_id, f.line, f.fingerprint]), [
      ['naming-convention', 6, TITLE_PERIOD.fingerprint],
      ['no-deprecated-dependency', 8, DEPRECATED.fingerprint],
      ['dangling-dependency', 8, DANGLING.fingerprint],
    ], 'the findings moved down three lines and kept their fingerprints');
    const r = await runSddInProcess(['check', '--json', '--baseline', '.sdd/baseline.json'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    const doc = parseJsonDocument(r.stdout);
    assert.deepEqual([doc.accepted_by_baseline, doc.findings], [3, []]);
  });

  it('fixing a problem and updating removes exactly its fingerprint from the baseline', async () => {
    const abs = path.join(repo, BETA);
    fs.writeFileSync(abs, fs.readFileSync(abs, 'utf8').replace('title: Beta.', 'title: Beta'));
    const r = await runSddInProcess(['check', '--baseline', '.sdd/baseline.json', '--update-baseline'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'Recorded 2 findings in .sdd/baseline.json\n');
    assert.deepEqual(baseline(), { version: 1, findings: sorted([DEPRECATED, DANGLING]) });
  });

  it('resolves the baseline path against the working directory and names it from the project root', async () => {
    const r = await runSddInProcess(['check', '--json', '--baseline', '../baseline.json'], { cwd: path.join(repo, '.sdd', 'specs') });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(parseJsonDocument(r.stdout).accepted_by_baseline, 2);
    const missing = await runSddInProcess(['check', '--json', '--baseline', 'nope.json'], { cwd: path.join(repo, '.sdd', 'specs') });
    assert.equal(missing.code, 2, describeRun(missing));
    assert.equal((parseJsonDocument(missing.stdout).error as { target: string }).target, '.sdd/specs/nope.json');
  });
});

describe('e2e: sdd check with an unusable baseline', () => {
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/specs/gamma.md', spec({ id: 'gamma', title: 'Gamma', status: 'draft', depends_on: '[ghost]' }, 'Gamma'));
    writeFile(repo, 'corrupt.json', '{"version": 1, "findings": [');
    writeFile(repo, 'foreign.json', '{"version": 2, "findings": []}');
    writeFile(repo, 'no-fingerprints.json', '{"version": 1, "findings": [{"rule_id": "unique-id"}]}');
  });

  it('a missing baseline exits 2 with baseline_missing', async () => {
    const r = await runSddInProcess(['check', '--json', '--baseline', 'missing.json'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stderr, '');
    assert.deepEqual(parseJsonDocument(r.stdout), {
      version: 1, ok: false,
      error: { code: 'baseline_missing', message: 'The baseline missing.json does not exist', target: 'missing.json', fix: 'Create it with `sdd check --baseline <file> --update-baseline`.' },
    });
    assert.equal(fs.existsSync(path.join(repo, 'missing.json')), false);
  });

  it('a missing baseline is an Error/Fix pair in text mode', async () => {
    const r = await runSddInProcess(['check', '--baseline', 'missing.json'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Error: missing.json: The baseline missing.json does not exist\nFix: Create it with `sdd check --baseline <file> --update-baseline`.\n');
  });

  it('a baseline that is not JSON exits 2 with baseline_invalid', async () => {
    const r = await runSddInProcess(['check', '--json', '--baseline', 'corrupt.json'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stderr, '');
    const error = parseJsonDocument(r.stdout).error as Record<string, string>;
    assert.equal(error.code, 'baseline_invalid');
    assert.equal(error.target, 'corrupt.json');
    assert.match(error.message, /^The baseline is not valid JSON: /);
  });

  for (const file of ['foreign.json', 'no-fingerprints.json']) {
    it(`a JSON file that is not an sdd baseline (${file}) exits 2 with baseline_invalid`, async () => {
      const r = await runSddInProcess(['check', '--json', '--baseline', file], { cwd: repo });
      assert.equal(r.code, 2, describeRun(r));
      assert.equal(r.stderr, '');
      assert.deepEqual(parseJsonDocument(r.stdout).error, {
        code: 'baseline_invalid', message: 'The baseline is not an sdd baseline (version 1 with a findings list)', target: file,
        fix: 'Regenerate it with `sdd check --baseline <file> --update-baseline`.',
      });
    });
  }

  it('--update-baseline replaces a corrupt baseline', async () => {
    const r = await runSddInProcess(['check', '--baseline', 'corrupt.json', '--update-baseline'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, 'Recorded 1 finding in corrupt.json\n');
    const written = JSON.parse(fs.readFileSync(path.join(repo, 'corrupt.json'), 'utf8')) as BaselineFile;
    assert.deepEqual(written.findings.map((f) => f.fingerprint), [fingerprint('dangling-dependency', '.sdd/specs/gamma.md', 'gamma', 'ghost')]);
  });
});
