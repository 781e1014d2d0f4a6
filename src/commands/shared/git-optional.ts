import type { Env } from '../../env.js';

/**
 * For commands where git adds to the answer but is not required (check, drift): when the project
 * is in a repository git cannot read — git missing, or refusing it for dubious ownership — warn on
 * stderr that the git-based part was skipped, and return the keys that mark it in --json
 * (`"git": false` and the reason). Nothing when git works or there is no repository.
 */
export async function gitOptional(env: Env, root: string): Promise<Record<string, unknown>> {
  const access = await env.git.at(root).access();
  if (!access || access.ok) return {};
  env.stderr.write(`sdd: warning: ${access.message}; git-based findings (history, tampering, code drift) were skipped.\nFix: ${access.fix}\n`);
  return { git: false, git_reason: access.message, git_fix: access.fix };
}
