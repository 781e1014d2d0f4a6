import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { expectGolden, normalise } from '../helpers/golden.js';
import { commitAll, makeProject } from '../helpers/project.js';

const BROKEN = '---\nid: broken\ntitle: Broken Thing\nstatus: approved\ndomain: auth\nowner: ada@example.com\ndepends_on: [ghost]\n---\n## Requirements\n\n- **REQ-001** It does things TODO\n';

describe('sdd check', () => {
  it('a clean project exits 0 and says so', async () => {
    const repo = makeProject();
    const r = await sdd(['check'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.doesNotMatch(r.stdout, /error|warn/);
  });

  it('groups findings by file with line:column, severity, rule and fix (golden), and exits 1', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/broken.md', BROKEN);
    commitAll(repo, 'broken spec');
    const r = await sdd(['check'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    expectGolden('check-findings.txt', normalise(r.stdout, repo));
  });

  it('--json reports each broken thing at the line that holds it', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/auth/broken.md', BROKEN);
    const r = await sdd(['check', '--format', 'json'], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    const findings = (parseJsonDocument(r.stdout).findings as Array<{ rule_id: string; file: string; line: number }>).filter((f) => f.file === '.sdd/specs/auth/broken.md');
    const lines = BROKEN.split('\n');
    const at = (rule: string) => findings.filter((f) => f.rule_id === rule).map((f) => lines[f.line - 1]);
    assert.deepEqual(at('dangling-dependency'), ['depends_on: [ghost]']);
    assert.deepEqual(at('no-placeholders'), ['- **REQ-001** It does things TODO']);
    assert.deepEqual(at('approval-missing'), ['status: approved']);
  });

  it('--fail-on error passes a project whose only findings are warnings', async () => {
    const repo = makeProject();
    writeFile(repo, '.sdd/specs/billing/reports.md', '---\nid: reports\ntitle: Monthly Reports\nstatus: draft\ndomain: billing\n---\n# Reports\n');
    const strict = await sdd(['check', '--fail-on', 'warning'], { cwd: repo });
    assert.equal(strict.code, 1, describeRun(strict));
    assert.match(strict.stdout, /required-sections/);
    const lenient = await sdd(['check', '--fail-on', 'error'], { cwd: repo });
    assert.equal(lenient.code, 0, describeRun(lenient));
  });
});
