import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, git, makeGitRepo, makeTempDir, parseJsonDocument, runSdd, writeFile } from '../helpers/cli.js';
import { ACCESS, allowedSigners, people, record, signed, writeRecord } from '../helpers/governance.js';

/**
 * On a machine without OpenSSH, signatures cannot be checked. That is the machine's fault, not
 * the decision files': check and audit verify say so, tell the user to install OpenSSH, exit 2,
 * and never report approval-bad-signature (or pass).
 */

const p = people();
const SPEC = ['---', 'id: login', 'title: Login', 'status: approved', 'domain: core', 'owner: ada@example.com', '---', '# Login', '', '## Requirements', '', '- **REQ-001** The system MUST log users in.', ''].join('\n');

/** A PATH holding git and nothing else: no ssh-keygen. */
function pathWithoutSshKeygen(): string {
  const bin = makeTempDir('sdd-bin-');
  const gitBin = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  fs.symlinkSync(gitBin, path.join(bin, 'git'));
  return bin;
}

// @sdd approvals/GOV-002
describe('e2e: ssh-keygen missing', () => {
  let repo: string;
  let noSsh: Record<string, string>;
  before(() => {
    repo = makeGitRepo();
    writeFile(repo, '.sdd/.gitignore', '.cache/\n');
    writeFile(repo, '.sdd/config.yaml', 'version: 1\n');
    writeFile(repo, '.sdd/access.yml', ACCESS);
    writeFile(repo, '.sdd/allowed_signers', allowedSigners(p.ada, p.bob, p.carol));
    writeFile(repo, '.sdd/specs/core/login.md', SPEC);
    writeRecord(repo, signed(record({ of: SPEC, principal: 'bob@example.com' }), p.bob));
    writeRecord(repo, signed(record({ of: SPEC, principal: 'carol@example.com' }), p.carol));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'approved');
    noSsh = { PATH: pathWithoutSshKeygen() };
  });

  it('with ssh-keygen, the approvals verify (the set-up is sound)', async () => {
    const r = await runSdd(['--json', 'check'], { cwd: repo });
    const findings = (parseJsonDocument(r.stdout).findings as Array<{ rule_id: string }>).map((f) => f.rule_id);
    assert.ok(!findings.includes('approval-bad-signature'), describeRun(r));
  });

  for (const args of [['check'], ['audit', 'verify']]) {
    it(`sdd ${args.join(' ')} says signatures cannot be verified here, install OpenSSH, exit 2`, async () => {
      // A fresh clone: no verdicts remembered in the index from a machine that had ssh-keygen.
      const fresh = () => fs.rmSync(path.join(repo, '.sdd/.cache'), { recursive: true, force: true });
      fresh();
      const r = await runSdd(['--json', ...args], { cwd: repo, env: noSsh });
      assert.equal(r.code, 2, describeRun(r));
      const doc = parseJsonDocument(r.stdout) as { error?: { code: string; message: string; fix: string; target?: string } };
      assert.equal(doc.error?.code, 'ssh_keygen_missing', describeRun(r));
      assert.match(doc.error!.message, /cannot be verified here/);
      assert.match(doc.error!.fix, /Install OpenSSH/);
      assert.equal(doc.error!.target, undefined, 'no decision file is blamed');
      fresh();
      const text = await runSdd(args, { cwd: repo, env: noSsh });
      assert.equal(text.code, 2, describeRun(text));
      assert.doesNotMatch(text.stdout + text.stderr, /approval-bad-signature|bad_signature|add the public key|verified and unchanged/);
    });
  }
});
