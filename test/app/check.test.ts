import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkProject } from '../../src/app/check.js';
import { makeTempDir, markdownSpec, writeFile } from '../helpers/cli.js';
import { cacheEnv } from '../helpers/app-env.js';

function spec(id: string, extra: Record<string, string> = {}): string {
  return markdownSpec({ id, title: id.toUpperCase(), status: 'draft', ...extra }, `# ${id}\n\n## Requirements\n\n- **REQ-001** The system MUST work.\n`);
}

/** Two folders of specs; `auth/login` names a dependency that does not exist. */
function project(): string {
  const root = makeTempDir('sdd-app-check-');
  writeFile(root, '.sdd/config.yaml', 'version: 1\n');
  writeFile(root, '.sdd/specs/auth/login.md', spec('login', { domain: 'auth', depends_on: '[ghost]' }));
  writeFile(root, '.sdd/specs/billing/invoice.md', spec('invoice', { domain: 'billing' }));
  return root;
}

describe('app: checkProject', () => {
  it('runs every rule over the indexed project and returns findings, rules and the files checked', async () => {
    const root = project();
    const env = cacheEnv(root);
    const outcome = await checkProject(await env.openCache(), { cwd: root, only: [] });
    assert.deepEqual(outcome.findings.map((f) => `${f.ruleId} ${f.file}`), ['dangling-dependency .sdd/specs/auth/login.md']);
    assert.equal(outcome.filesChecked, 2);
    assert.ok(outcome.rules.some((r) => r.id === 'dangling-dependency'));
    assert.ok(outcome.rules.some((r) => r.id === 'drift-uncovered'));
  });

  it('reports only on the paths asked for, relative to cwd, while the rules still see the whole project', async () => {
    const root = project();
    const env = cacheEnv(root);
    const billing = await checkProject(await env.openCache(), { cwd: path.join(root, '.sdd', 'specs'), only: ['billing'] });
    assert.deepEqual(billing.findings, []);
    assert.equal(billing.filesChecked, 1);
    const auth = await checkProject(await env.openCache(), { cwd: root, only: ['.sdd/specs/auth/login.md'] });
    assert.equal(auth.findings.length, 1);
  });

  it('sees a change to a spec on the next run, through the refreshed index', async () => {
    const root = project();
    const env = cacheEnv(root);
    assert.equal((await checkProject(await env.openCache(), { cwd: root, only: [] })).findings.length, 1);
    writeFile(root, '.sdd/specs/auth/login.md', spec('login', { domain: 'auth', depends_on: '[invoice]' }));
    assert.deepEqual((await checkProject(await env.openCache(), { cwd: root, only: [] })).findings, []);
  });
});
