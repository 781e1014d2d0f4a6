import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, markdownSpec, parseJsonDocument, writeFile, type RunResult } from '../helpers/cli.js';
import { runSddInProcess } from '../helpers/in-process.js';

/** A spec that breaks no built-in rule unless `fields` make it. */
function spec(fields: Record<string, string>, heading: string): string {
  return markdownSpec(fields, `# ${heading}\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n`);
}

/** The documented identity of a finding: rule, file, spec id and the rule's key; never the line. */
function fingerprint(ruleId: string, file: string, specId: string, key: string): string {
  return createHash('sha256').update([ruleId, file, specId, key].join('\u0000')).digest('hex').slice(0, 32);
}

/** Two warnings (naming-convention, no-deprecated-dependency) in a/beta.md and nothing else. */
function writeWarningProject(root: string): void {
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/specs/a/beta.md', spec({ id: 'beta', title: 'Beta.', status: 'draft', depends_on: '[old]' }, 'Beta'));
  writeFile(root, '.sdd/specs/b/old.md', spec({ id: 'old', title: 'Old', status: 'deprecated' }, 'Old'));
}

/** The warning project plus one error (dangling-dependency) in b/gamma.md, and a clean a/alpha.md. */
function writeMixedProject(root: string): void {
  writeWarningProject(root);
  writeFile(root, '.sdd/specs/a/alpha.md', spec({ id: 'alpha', title: 'Alpha', status: 'draft', depends_on: '[gamma]' }, 'Alpha'));
  writeFile(root, '.sdd/specs/b/gamma.md', spec({ id: 'gamma', title: 'Gamma', status: 'draft', depends_on: '[ghost]' }, 'Gamma'));
}

const MIXED_FINDINGS = [
  {
    rule_id: 'naming-convention', severity: 'warning', message: 'Title ends with a period', file: '.sdd/specs/a/beta.md', line: 3, column: 1,
    spec_id: 'beta', fix: 'Remove the period at the end of the title.', fingerprint: fingerprint('naming-convention', '.sdd/specs/a/beta.md', 'beta', 'title-period'),
  },
  {
    rule_id: 'no-deprecated-dependency', severity: 'warning', message: 'depends_on names "old", which is deprecated', file: '.sdd/specs/a/beta.md', line: 5, column: 14,
    spec_id: 'beta', fix: 'Depend on the spec that replaces it, or remove the entry.', fingerprint: fingerprint('no-deprecated-dependency', '.sdd/specs/a/beta.md', 'beta', 'old'),
  },
  {
    rule_id: 'dangling-dependency', severity: 'error', message: 'depends_on names "ghost", but no spec has that id', file: '.sdd/specs/b/gamma.md', line: 5, column: 14,
    spec_id: 'gamma', fix: 'Correct the id, create the spec with `sdd new spec "<title>" --id ghost`, or remove the entry.', fingerprint: fingerprint('dangling-dependency', '.sdd/specs/b/gamma.md', 'gamma', 'ghost'),
  },
];

const MIXED_TEXT = [
  '.sdd/specs/a/beta.md',
  '  3:1   warn   Title ends with a period  naming-convention',
  '               fix: Remove the period at the end of the title.',
  '  5:14  warn   depends_on names "old", which is deprecated  no-deprecated-dependency',
  '               fix: Depend on the spec that replaces it, or remove the entry.',
  '',
  '.sdd/specs/b/gamma.md',
  '  5:14  error  depends_on names "ghost", but no spec has that id  dangling-dependency',
  '               fix: Correct the id, create the spec with `sdd new spec "<title>" --id ghost`, or remove the entry.',
  '',
  '✖ 3 problems (1 error, 2 warnings) in 4 files',
  '',
].join('\n');

interface FindingJson {
  rule_id: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number | null;
  spec_id: string | null;
  fix: string | null;
  fingerprint: string;
}

function findingsOf(r: RunResult): FindingJson[] {
  return parseJsonDocument(r.stdout).findings as FindingJson[];
}

// @sdd checks/CHK-005
describe('e2e: sdd check reports', () => {
  let repo: string;
  let text: RunResult;
  let json: RunResult;

  before(async () => {
    repo = makeGitRepo();
    writeMixedProject(repo);
    [text, json] = await Promise.all([runSddInProcess(['check'], { cwd: repo }), runSddInProcess(['check', '--format', 'json'], { cwd: repo })]);
  });

  it('prints findings grouped by file: line:column, severity, message, rule, fix, then a summary', () => {
    assert.equal(text.code, 1, describeRun(text));
    assert.equal(text.stdout, MIXED_TEXT);
    assert.equal(text.stderr, '');
  });

  it('--format json prints one document with counts and every finding', () => {
    assert.equal(json.code, 1, describeRun(json));
    assert.equal(json.stderr, '');
    assert.deepEqual(parseJsonDocument(json.stdout), {
      version: 1, ok: false, files_checked: 4, counts: { errors: 1, warnings: 2, files: 2 }, accepted_by_baseline: 0, findings: MIXED_FINDINGS,
    });
  });

  it('the global --json prints the same document, with nothing on stderr', async () => {
    const r = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, json.stdout);
  });

  it('--output writes the JSON report to the file, byte for byte what stdout would hold, and no temp file', async () => {
    const r = await runSddInProcess(['check', '--format', 'json', '--output', 'reports/check.json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Wrote json report to reports/check.json\n1 error, 2 warnings\n');
    assert.equal(fs.readFileSync(path.join(repo, 'reports', 'check.json'), 'utf8'), json.stdout);
    // A second run replaces the report in place.
    const again = await runSddInProcess(['check', '--format', 'json', '--output', 'reports/check.json'], { cwd: repo });
    assert.equal(again.code, 1, describeRun(again));
    assert.deepEqual(fs.readdirSync(path.join(repo, 'reports')), ['check.json']);
    assert.equal(fs.readFileSync(path.join(repo, 'reports', 'check.json'), 'utf8'), json.stdout);
  });

  it('--output writes the text report to the file', async () => {
    const r = await runSddInProcess(['check', '--output', 'check.txt'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Wrote text report to check.txt\n');
    assert.equal(fs.readFileSync(path.join(repo, 'check.txt'), 'utf8'), MIXED_TEXT);
    assert.deepEqual(fs.readdirSync(repo).filter((f) => f.endsWith('.tmp')), []);
  });

  it('--output naming a directory fails with exit 2 as a user error, leaving no temp file', async () => {
    fs.mkdirSync(path.join(repo, 'a-directory'));
    const r = await runSddInProcess(['check', '--json', '--format', 'json', '--output', 'a-directory'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.deepEqual(fs.readdirSync(repo).filter((f) => f.endsWith('.tmp')), []);
    assert.deepEqual(fs.readdirSync(path.join(repo, 'a-directory')), []);
    const error = parseJsonDocument(r.stdout).error as { code: string; message: string };
    assert.notEqual(error.code, 'internal_error', `a path the user got wrong is not "a bug in sdd": ${error.message}`);
  });

  it('--json --output keeps stderr empty (the --json contract) and writes the JSON report', async () => {
    const r = await runSddInProcess(['check', '--json', '--output', 'json-mode.json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(fs.readFileSync(path.join(repo, 'json-mode.json'), 'utf8'), json.stdout);
    assert.equal(r.stderr, '', describeRun(r));
  });
});

// @sdd checks/CHK-005
describe('e2e: sdd check exit codes and --fail-on', () => {
  let warnings: string;
  let errors: string;

  before(() => {
    warnings = makeGitRepo();
    writeWarningProject(warnings);
    errors = makeGitRepo();
    writeMixedProject(errors);
  });

  const cases: Array<[project: 'warnings' | 'errors', args: string[], code: number]> = [
    ['warnings', [], 0],
    ['warnings', ['--fail-on', 'error'], 0],
    ['warnings', ['--fail-on', 'warning'], 1],
    ['warnings', ['--fail-on', 'none'], 0],
    ['errors', [], 1],
    ['errors', ['--fail-on', 'error'], 1],
    ['errors', ['--fail-on', 'warning'], 1],
    ['errors', ['--fail-on', 'none'], 0],
  ];
  for (const [project, args, code] of cases) {
    it(`exits ${code} with ${args.join(' ') || 'the default --fail-on'} on a project with ${project}`, async () => {
      const r = await runSddInProcess(['check', '--json', ...args], { cwd: project === 'warnings' ? warnings : errors });
      assert.equal(r.code, code, describeRun(r));
      const doc = parseJsonDocument(r.stdout);
      assert.deepEqual(doc.counts, project === 'warnings' ? { errors: 0, warnings: 2, files: 1 } : { errors: 1, warnings: 2, files: 2 });
      assert.equal(doc.ok, project === 'warnings');
    });
  }

  it('the warnings project still shows its warnings in text with exit 0', async () => {
    const r = await runSddInProcess(['check'], { cwd: warnings });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, MIXED_TEXT.split('\n\n.sdd/specs/b/gamma.md')[0] + '\n\n✖ 2 problems (0 errors, 2 warnings) in 2 files\n');
  });
});

describe('e2e: sdd check <path>', () => {
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    // a/alpha depends on a spec in b/: not dangling, though b/ is not reported.
    writeFile(repo, '.sdd/specs/a/alpha.md', spec({ id: 'alpha', title: 'Alpha', status: 'draft', depends_on: '[gamma]' }, 'Alpha'));
    writeFile(repo, '.sdd/specs/a/beta.md', spec({ id: 'beta', title: 'Beta', status: 'draft' }, 'Beta'));
    writeFile(repo, '.sdd/specs/b/beta-copy.md', spec({ id: 'beta', title: 'Beta copy', status: 'draft' }, 'Beta copy'));
    writeFile(repo, '.sdd/specs/b/gamma.md', spec({ id: 'gamma', title: 'Gamma', status: 'draft', depends_on: '[ghost]' }, 'Gamma'));
    // ab/ shares a prefix with a/ but is not inside it.
    writeFile(repo, '.sdd/specs/ab/delta.md', spec({ id: 'delta', title: 'Delta', status: 'draft', depends_on: '[nowhere]' }, 'Delta'));
  });

  const summary = (f: FindingJson) => [f.rule_id, f.file, f.line, f.column, f.message];
  const dupInA = ['unique-id', '.sdd/specs/a/beta.md', 2, 1, 'Duplicate spec id "beta": also used by .sdd/specs/b/beta-copy.md'];
  const dupInB = ['unique-id', '.sdd/specs/b/beta-copy.md', 2, 1, 'Duplicate spec id "beta": also used by .sdd/specs/a/beta.md'];
  const danglingInB = ['dangling-dependency', '.sdd/specs/b/gamma.md', 5, 14, 'depends_on names "ghost", but no spec has that id'];
  const danglingInAb = ['dangling-dependency', '.sdd/specs/ab/delta.md', 5, 14, 'depends_on names "nowhere", but no spec has that id'];

  it('without a path reports every folder', async () => {
    const r = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findingsOf(r).map(summary), [dupInA, danglingInAb, dupInB, danglingInB]);
  });

  it('narrows the report to a folder (not its namesakes), while the duplicate id elsewhere is still seen', async () => {
    const r = await runSddInProcess(['check', '--json', '.sdd/specs/a'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findingsOf(r).map(summary), [dupInA]);
    assert.equal(parseJsonDocument(r.stdout).files_checked, 2, 'only alpha.md and beta.md are in .sdd/specs/a');
  });

  it('resolves a relative path against the working directory', async () => {
    const r = await runSddInProcess(['check', '--json', 'a'], { cwd: path.join(repo, '.sdd', 'specs') });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findingsOf(r).map(summary), [dupInA]);
  });

  it('takes single files, several at once', async () => {
    const r = await runSddInProcess(['check', '--json', '.sdd/specs/b/gamma.md', '.sdd/specs/a/alpha.md'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findingsOf(r).map(summary), [danglingInB]);
  });

  it('exits 0 when the named folder is clean, even though another has errors', async () => {
    const r = await runSddInProcess(['check', '--json', '.sdd/specs/a/alpha.md'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(findingsOf(r), []);
  });
});

// @sdd checks/CHK-002
describe('e2e: sdd check with rule settings in .sdd/config.yaml', () => {
  const dupFingerprints = [
    fingerprint('unique-id', '.sdd/specs/a/one.md', 'shared', 'shared'),
    fingerprint('unique-id', '.sdd/specs/b/two.md', 'shared', 'shared'),
  ];

  function dupProject(config: string): string {
    const repo = makeGitRepo();
    writeFile(repo, '.sdd/config.yaml', config);
    writeFile(repo, '.sdd/specs/a/one.md', spec({ id: 'shared', title: 'One', status: 'draft' }, 'One'));
    writeFile(repo, '.sdd/specs/b/two.md', spec({ id: 'shared', title: 'Two', status: 'draft' }, 'Two'));
    return repo;
  }

  it('reports a duplicate id as an error by default', async () => {
    const r = await runSddInProcess(['check', '--json'], { cwd: dupProject('version: 1\n') });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findingsOf(r).map((f) => [f.rule_id, f.severity, f.fingerprint]), [['unique-id', 'error', dupFingerprints[0]], ['unique-id', 'error', dupFingerprints[1]]]);
  });

  it('`unique-id: warn` turns the errors into warnings with the same fingerprints, and exit 0', async () => {
    const r = await runSddInProcess(['check', '--json'], { cwd: dupProject('version: 1\nrules:\n  unique-id: warn\n') });
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(findingsOf(r).map((f) => [f.rule_id, f.severity, f.fingerprint]), [['unique-id', 'warning', dupFingerprints[0]], ['unique-id', 'warning', dupFingerprints[1]]]);
  });

  it('`unique-id: off` removes the findings', async () => {
    const r = await runSddInProcess(['check'], { cwd: dupProject('version: 1\nrules:\n  unique-id: off\n') });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, '✓ no problems in 2 files\n');
  });

  it('reports an unknown rule, a bad severity and invalid options at their config lines, and keeps the defaults', async () => {
    const config = [
      'version: 1',
      'rules:',
      '  no-such-rule: warn',
      '  unique-id: fatal',
      '  required-sections:',
      '    severity: warn',
      '    options:',
      '      sections:',
      '        spec: Requirements',
      '',
    ].join('\n');
    const r = await runSddInProcess(['check', '--json'], { cwd: dupProject(config) });
    assert.equal(r.code, 1, describeRun(r));
    assert.deepEqual(findingsOf(r).map((f) => [f.rule_id, f.severity, f.file, f.line, f.column, f.message]), [
      ['config-schema', 'error', '.sdd/config.yaml', 3, 3, 'Unknown rule `no-such-rule` in the config'],
      ['config-schema', 'error', '.sdd/config.yaml', 4, 3, 'Severity of rule `unique-id` is "fatal", which is not one of: error, warn, off'],
      ['config-schema', 'error', '.sdd/config.yaml', 9, 9, 'Option of rule `required-sections`: `sections.spec` must be array'],
      // A bad severity leaves the rule at its default, error.
      ['unique-id', 'error', '.sdd/specs/a/one.md', 2, 1, 'Duplicate spec id "shared": also used by .sdd/specs/b/two.md'],
      ['unique-id', 'error', '.sdd/specs/b/two.md', 2, 1, 'Duplicate spec id "shared": also used by .sdd/specs/a/one.md'],
    ]);
  });

  it('reports an unknown option at the line of the unknown key', async () => {
    const config = [
      'version: 1',
      'rules:',
      '  required-sections:',
      '    options:',
      '      sections: { spec: [Requirements] }',
      '      section: { adr: [Context] }',
      '',
    ].join('\n');
    const r = await runSddInProcess(['check', '--json'], { cwd: dupProject(config) });
    const configFindings = findingsOf(r).filter((f) => f.rule_id === 'config-schema');
    assert.deepEqual(configFindings.map((f) => [f.file, f.line, f.column, f.message]), [
      ['.sdd/config.yaml', 6, 7, 'Option of rule `required-sections`: must NOT have additional properties `section`'],
    ]);
  });
});

describe('e2e: sdd check on a clean project', () => {
  it('prints the ✓ line and exits 0', async () => {
    const repo = makeGitRepo();
    const init = await runSddInProcess(['init'], { cwd: repo });
    assert.equal(init.code, 0, describeRun(init));
    writeFile(repo, '.sdd/specs/alpha.md', spec({ id: 'alpha', title: 'Alpha', status: 'draft' }, 'Alpha'));
    const r = await runSddInProcess(['check'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout, '✓ no problems in 1 file\n');
    assert.equal(r.stderr, '');
    const json = await runSddInProcess(['check', '--json'], { cwd: repo });
    assert.equal(json.code, 0, describeRun(json));
    assert.deepEqual(parseJsonDocument(json.stdout), { version: 1, ok: true, files_checked: 1, counts: { errors: 0, warnings: 0, files: 0 }, accepted_by_baseline: 0, findings: [] });
  });
});

describe('e2e: sdd check usage errors', () => {
  let repo: string;

  before(() => {
    repo = makeGitRepo();
    writeMixedProject(repo);
  });

  it('an unknown --format exits 2 with Error and Fix lines', async () => {
    const r = await runSddInProcess(['check', '--format', 'xml'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Error: Unknown format "xml"\nFix: Use --format text, json, sarif, github.\n');
  });

  it('an unknown --fail-on exits 2 with one JSON error document under --json', async () => {
    const r = await runSddInProcess(['check', '--json', '--fail-on', 'warnings'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stderr, '');
    assert.deepEqual(parseJsonDocument(r.stdout), {
      version: 1, ok: false, error: { code: 'invalid_argument', message: 'Unknown --fail-on level "warnings"', fix: 'Use --fail-on error, warning, none.' },
    });
  });

  it('an unknown --fail-on exits 2 in text mode too', async () => {
    const r = await runSddInProcess(['check', '--fail-on', 'never'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Error: Unknown --fail-on level "never"\nFix: Use --fail-on error, warning, none.\n');
  });

  it('--fail-on without a value is a usage error (exit 2)', async () => {
    const r = await runSddInProcess(['check', '--fail-on'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /option '--fail-on <level>' argument missing/);
  });

  it('--update-baseline without --baseline exits 2 and writes nothing', async () => {
    const before = fs.readdirSync(repo).sort();
    const r = await runSddInProcess(['check', '--update-baseline'], { cwd: repo });
    assert.equal(r.code, 2, describeRun(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Error: --update-baseline needs --baseline <file>\nFix: Name the file, e.g. `--baseline .sdd/baseline.json --update-baseline`.\n');
    const json = await runSddInProcess(['check', '--json', '--update-baseline'], { cwd: repo });
    assert.equal(json.code, 2, describeRun(json));
    assert.equal(json.stderr, '');
    assert.equal((parseJsonDocument(json.stdout).error as { code: string }).code, 'invalid_argument');
    assert.deepEqual(fs.readdirSync(repo).sort(), before);
  });
});
