import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { describeRun, parseJsonDocument, writeFile } from '../helpers/cli.js';
import { sdd } from '../helpers/in-process.js';
import { makeProject } from '../helpers/project.js';

// @sdd checks/CHK-005
describe('paths in findings', () => {
  const broken = (repo: string) => writeFile(repo, '.sdd/specs/auth/orphan.md', '---\nid: orphan\ntitle: Orphan\nstatus: draft\ndepends_on: [ghost]\n---\n');
  const cases: Array<[cwd: string, command: string, shown: RegExp]> = [
    ['.', 'check', /^\.sdd\/specs\/auth\/orphan\.md$/m],
    ['.sdd/specs/auth', 'check', /^orphan\.md$/m],
    ['.sdd/specs/billing', 'validate', /^\.\.\/auth\/orphan\.md$/m],
    ['src', 'validate', /^\.\.\/\.sdd\/specs\/auth\/orphan\.md$/m],
  ];
  for (const [cwd, command, shown] of cases) {
    it(`sdd ${command} from ${cwd}: text shows the path from there`, async () => {
      const repo = makeProject();
      broken(repo);
      const r = await sdd([command], { cwd: path.join(repo, cwd) });
      assert.equal(r.code, 1, describeRun(r));
      assert.match(r.stdout, shown);
    });
  }

  it('SARIF and JSON keep repository-relative paths from any folder', async () => {
    const repo = makeProject();
    broken(repo);
    const cwd = path.join(repo, '.sdd/specs/auth');
    const sarif = JSON.parse((await sdd(['check', '--format', 'sarif'], { cwd })).stdout);
    const uris = sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('.sdd/specs/auth/orphan.md'), JSON.stringify(uris));
    const json = parseJsonDocument((await sdd(['validate', '--json'], { cwd })).stdout);
    assert.ok(JSON.stringify(json.findings).includes('".sdd/specs/auth/orphan.md"'));
  });
});
