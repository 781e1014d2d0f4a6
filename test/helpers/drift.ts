import { ACCESS, UNSIGNED_CONFIG, record, recordFiles, unsigned, type RecordOptions } from './governance.js';
import { md } from './rules.js';
import { git, makeGitRepo, writeFile } from './cli.js';

/**
 * Fixtures for drift tests. Decisions are unsigned (with `require_signature: false`): signing is
 * tested with real keys in the approval tests; here only what the decisions say matters.
 */

/** `@sdd`, spelt apart so that sdd scanning its own tests does not take fixtures for tags. */
export const TAG = '@' + 'sdd';

export const DRIFT_CONFIG = UNSIGNED_CONFIG;
export const TESTS_CONFIG = `${UNSIGNED_CONFIG}drift:\n  require_tests: true\n`;

/** `login` in domain core, owned by ada (bob and carol review core), with two requirements. */
export function loginSpec(status: string, extra: string[] = [], body: string[] = LOGIN_BODY): string {
  return md(['id: login', 'title: Login', `status: ${status}`, 'domain: core', 'owner: ada@example.com', ...extra], body);
}

/** Requirements on lines 12 and 13 of loginSpec without extra front-matter lines. */
export const LOGIN_BODY = ['# Login', '', '## Requirements', '', '- **REQ-001** The system MUST log users in.', '- **REQ-002** The system MUST lock accounts.'];

export function sessionSpec(status = 'approved', word = 'hour'): string {
  return md(['id: session', 'title: Session', `status: ${status}`, 'domain: core', 'owner: ada@example.com'], ['# Session', '', '- **REQ-001** The system MUST expire sessions after one ' + word + '.']);
}

/** access.yml and an unsigned approval of `specText` by bob (optionally at a commit). */
export function approvedBy(specText: string, opts: RecordOptions = {}): Record<string, string> {
  return { '.sdd/access.yml': ACCESS, ...recordFiles(unsigned(record({ of: specText, principal: 'bob@example.com', ...opts }))) };
}

/** A git repository with `files` committed; returns it and its HEAD commit. */
export function committedRepo(files: Record<string, string>): { root: string; head: string } {
  const root = makeGitRepo();
  for (const [rel, text] of Object.entries(files)) writeFile(root, rel, text);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  return { root, head: git(root, 'rev-parse', 'HEAD') };
}
