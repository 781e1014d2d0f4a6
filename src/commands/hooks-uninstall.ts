import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, writeJson } from '../output.js';
import { findProject } from '../core/project/paths.js';
import { displayPath, HOOK_NAMES, locateHooks, uninstallHook } from '../core/git/hooks.js';
import type { Env } from '../env.js';

export function register(hooks: Command): void {
  hooks
    .command('uninstall')
    .description('remove sdd\'s hooks (putting back the hooks they chained, byte for byte) and its merge driver')
    .addHelpText('after', examples(['sdd hooks uninstall', 'remove the pre-commit and pre-push hooks sdd installed']))
    .action(action(run));
}

// @sdd git-hooks/HOOK-008, git-hooks/HOOK-013
export async function run(env: Env, _options: { args: string[] }): Promise<number> {
  const repo = env.git.at(findProject(env.cwd).root);
  const loc = await locateHooks(repo);
  const removals = HOOK_NAMES.map((name) => uninstallHook(loc, name));
  const { unregisterMergeDriver } = await import('../core/merge/register.js');
  const merge = await unregisterMergeDriver(repo);
  if (env.json) {
    writeJson(env, {
      ok: true, hooks_dir: loc.dir, hooks: removals.map((r) => ({ name: r.name, file: r.file, action: r.action })),
      merge_driver: { config_changed: merge.config, attributes_changed: merge.attributes, gitattributes: merge.gitattributes, gitattributes_left: merge.leftover ?? null },
    });
    return 0;
  }
  for (const r of removals) {
    const file = displayPath(loc, r.file);
    env.stdout.write(r.action === 'absent' ? `${r.name}: not installed (${file})\n`
      : r.action === 'restored' ? `${r.name}: removed sdd's hook; ${file} is the previous hook again\n`
        : `${r.name}: removed ${file}\n`);
  }
  const attributes = !merge.attributes ? ''
    : merge.leftover === 'emptied' ? ` (its line removed from ${merge.gitattributes}, which is now empty but kept because git tracks it; delete it with \`git rm .gitattributes\` if you want)`
      : merge.leftover === 'deleted' ? ` (and ${merge.gitattributes}, which held only its line, deleted)`
        : ` (and its line in ${merge.gitattributes} removed)`;
  env.stdout.write(merge.config || merge.attributes ? `merge driver: unregistered${attributes}\n` : 'merge driver: not registered\n');
  return 0;
}
