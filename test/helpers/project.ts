import { execFileSync } from 'node:child_process';
import { gitEnv, makeGitRepo, markdownSpec, writeFile } from './cli.js';

/** The commit date of every fixture commit: history output then names a stable day and sha. */
export const FIXTURE_DATE = '2024-05-01T10:00:00Z';

/** The clock of commands run on a fixture (SDD_NOW), one day after its commits. */
export const FIXTURE_NOW = '2024-05-02T09:00:00Z';

export const LOGIN = markdownSpec(
  { id: 'login', title: 'User Login', status: 'review', domain: 'auth', owner: 'ada@example.com', phase: '1', code: '[src/login.ts]' },
  '# Login\n\n## Requirements\n\n- **REQ-001** The system MUST accept a password.\n- **REQ-002** The system SHOULD lock after five failures.\n',
);

export const SESSION = markdownSpec(
  { id: 'session', title: 'Session Tokens', status: 'draft', domain: 'auth', owner: 'ada@example.com', phase: '2', depends_on: '[login]' },
  '# Session\n\n## Requirements\n\n- **REQ-001** Tokens MUST expire.\n',
);

export const REPORTS = markdownSpec(
  { id: 'reports', title: 'Monthly Reports', status: 'draft', domain: 'billing', owner: 'cy@example.com', phase: '3' },
  '# Reports\n\n## Requirements\n\n- **REQ-001** Reports MAY be exported as CSV.\n',
);

/** Commits everything in `repo` at the fixture date; returns the new commit's sha. */
export function commitAll(repo: string, message: string, date = FIXTURE_DATE): string {
  const env = { ...process.env, ...gitEnv(), GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-qm', message], { cwd: repo, env });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, env, encoding: 'utf8' }).trim();
}

/**
 * A committed project with three specs in two domains (session depends on login), one source
 * file tagging login/REQ-001, reviewer bob for auth and unsigned decisions allowed.
 */
export function makeProject(): string {
  const repo = makeGitRepo();
  writeFile(repo, '.sdd/config.yaml', 'version: 1\napprovals:\n  require_signature: false\n');
  writeFile(repo, '.sdd/access.yml', 'domains:\n  auth:\n    reviewers: [bob@example.com]\n    quorum: 1\n  billing:\n    reviewers: [dana@example.com]\n');
  writeFile(repo, '.sdd/.gitignore', '.cache/\n');
  writeFile(repo, '.sdd/specs/auth/login.md', LOGIN);
  writeFile(repo, '.sdd/specs/auth/session.md', SESSION);
  writeFile(repo, '.sdd/specs/billing/reports.md', REPORTS);
  writeFile(repo, 'src/login.ts', '// @sdd login/REQ-001\nexport const login = 1;\n');
  commitAll(repo, 'specs');
  return repo;
}
