import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import { findProject } from '../core/project/paths.js';
import { displayPath, installHook, locateHooks, mergeDriverRunner, sddForHook, type HookName } from '../core/git/hooks.js';
import type { MergeDriverChange } from '../core/merge/register.js';
import type { Env } from '../env.js';

interface InstallOptions {
  args: string[];
  prePush?: boolean;
  mergeDriver: boolean;
}

export function register(hooks: Command): void {
  hooks
    .command('install')
    .description('install the pre-commit hook (and with --pre-push the pre-push hook); an existing hook is kept and runs first')
    .option('--pre-push', 'also install a pre-push hook that runs the full `sdd check`')
    .option('--no-merge-driver', 'do not register `sdd merge-driver` for spec files (git config merge.sdd.* and .gitattributes)')
    .addHelpText('after', examples(
      ['sdd hooks install', 'pre-commit: `sdd check --staged` on every commit'],
      ['sdd hooks install --pre-push', 'also `sdd check` before every push'],
    ) + `
The hook runs node_modules/.bin/sdd (a devDependency) or else \`sdd\` on PATH; without either it warns
and lets the commit through. Install also registers sdd's merge driver for .sdd/specs/** (local git
config merge.sdd.driver, and a line in .gitattributes to commit), so \`git merge\` merges spec files
field by field; without sdd installed the driver falls back to git's own line merge.
`)
    .action(action(run));
}

// @sdd git-hooks/HOOK-007, git-hooks/HOOK-013
export async function run(env: Env, options: InstallOptions): Promise<number> {
  const paths = findProject(env.cwd);
  const repo = env.git.at(paths.root);
  const loc = await locateHooks(repo);
  const names: HookName[] = options.prePush ? ['pre-commit', 'pre-push'] : ['pre-commit'];
  const changes = names.map((name) => installHook(loc, name));
  let merge: MergeDriverChange | null = null;
  if (options.mergeDriver) {
    const { registerMergeDriver } = await import('../core/merge/register.js');
    merge = await registerMergeDriver(repo, mergeDriverRunner(loc.prefix));
  }
  const sdd = sddForHook(loc, env.vars.PATH);
  if (env.json) {
    writeJson(env, {
      ok: true, hooks_dir: loc.dir, husky: loc.husky, sdd: sdd.kind, hooks: changes.map((c) => ({ name: c.name, file: c.file, action: c.action, chained: c.chained })),
      merge_driver: merge && { config_changed: merge.config, attributes_changed: merge.attributes, gitattributes: merge.gitattributes },
    });
    return 0;
  }
  const what = (name: HookName) => (name === 'pre-commit' ? '`sdd check --staged`' : '`sdd check`');
  for (const c of changes) {
    const file = displayPath(loc, c.file);
    env.stdout.write(c.action === 'unchanged'
      ? `${c.name}: already installed (${file})\n`
      : `${c.name}: ${c.action} ${file}, which runs ${what(c.name)}\n`);
    if (c.chained && c.action !== 'unchanged') {
      env.stdout.write(loc.husky
        ? `  the commands already in ${file} still run, after sdd's block\n`
        : `  the previous ${c.name} hook is kept as ${displayPath(loc, c.chained)} and runs first\n`);
    }
  }
  if (merge) {
    env.stdout.write(merge.config || merge.attributes
      ? `merge driver: registered for .sdd/specs/** (git config merge.sdd.driver${merge.attributes ? `; added to ${merge.gitattributes}, commit it` : ''})\n`
      : 'merge driver: already registered\n');
  }
  if (loc.husky && changes.some((c) => c.action !== 'unchanged')) note(env, 'husky manages the hooks here: commit the .husky/ change so the hook runs for everyone.');
  if (sdd.kind === 'missing') note(env, 'Note: no sdd in node_modules/.bin or on PATH, so the hook will warn and skip the check until sdd is installed (npm install --save-dev sdd).');
  return 0;
}
