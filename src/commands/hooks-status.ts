import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, writeJson } from '../output.js';
import { findProject } from '../core/project/paths.js';
import { displayPath, HOOK_NAMES, inspectHook, locateHooks, sddForHook, type HookLocation, type HookState } from '../core/git/hooks.js';
import type { Env } from '../env.js';

export function register(hooks: Command): void {
  hooks
    .command('status')
    .description('show which sdd hooks are installed, where, what they chain, which sdd they will run, and whether the merge driver is registered')
    .addHelpText('after', examples(['sdd hooks status', 'human-readable'], ['sdd hooks status --json', 'for scripts']))
    .action(action(run));
}

// @sdd git-hooks/HOOK-011
export async function run(env: Env, _options: { args: string[] }): Promise<number> {
  const repo = env.git.at(findProject(env.cwd).root);
  const loc = await locateHooks(repo);
  const states = HOOK_NAMES.map((name) => inspectHook(loc, name));
  const sdd = sddForHook(loc, env.vars.PATH);
  const { mergeDriverStatus } = await import('../core/merge/register.js');
  const merge = await mergeDriverStatus(repo);
  if (env.json) {
    writeJson(env, {
      hooks_dir: loc.dir, core_hooks_path: loc.hooksPath, husky: loc.husky, sdd: { kind: sdd.kind, file: sdd.file },
      merge_driver: { active: merge.active, driver: merge.driver, attributes_line: merge.attributesLine, spec_merge_attribute: merge.specMergeAttribute, gitattributes: merge.gitattributes },
      hooks: states.map((s) => ({ name: s.name, file: s.file, strategy: s.strategy, installed: s.installed, current: s.current, chained: s.chained, foreign: s.foreign })),
    });
    return 0;
  }
  const rows: Array<[string, string]> = [
    ['hooks dir', `${displayPath(loc, loc.dir)}${loc.hooksPath ? ` (core.hooksPath = ${loc.hooksPath}${loc.husky ? ', husky' : ''})` : ''}`],
    ...states.map((s): [string, string] => [s.name, describe(loc, s)]),
    ['merge', merge.active ? 'sdd merge-driver merges .sdd/specs/** (git config merge.sdd.driver, .gitattributes)'
      : merge.driver || merge.attributesLine ? `half registered (${merge.driver ? 'no .gitattributes line' : 'no git config merge.sdd.driver'}): run \`sdd hooks install\`` : 'not registered (git merges spec files by lines)'],
    ['sdd', sdd.kind === 'missing' ? 'not found: the hooks will warn and skip the check (npm install --save-dev sdd)' : `${displayPath(loc, sdd.file!)} (${sdd.kind === 'local' ? 'local install' : 'on PATH'})`],
  ];
  env.stdout.write(rows.map(([k, v]) => `${k.padEnd(10)} ${v}\n`).join(''));
  return 0;
}

function describe(loc: HookLocation, s: HookState): string {
  const file = displayPath(loc, s.file);
  if (!s.installed) return s.foreign ? `not installed (${file} is another tool's hook; install keeps it and runs it first)` : 'not installed';
  const state = s.current ? 'installed' : 'installed, outdated (run `sdd hooks install` to update it)';
  const chain = s.strategy === 'block' ? ' (a block in the husky hook)' : s.chained ? `, runs ${displayPath(loc, s.chained)} first` : '';
  return `${state}: ${file}${chain}`;
}
