import type { Command } from 'commander';
import { action } from '../command.js';
import { examples } from '../output.js';
import { runWalk, type WalkOptions } from './deps.js';

export function register(program: Command): void {
  program
    .command('impact')
    .description('everything that depends on a spec, directly or transitively: what a change can affect')
    .argument('<id>', 'spec id')
    .addHelpText('after', examples(
      ['sdd impact user-login', 'specs that build on user-login, nearest first'],
      ['sdd impact user-login --json', 'with depth and the spec each was reached through'],
    ))
    .action(action((env, options: WalkOptions) => runWalk(env, options, 'dependents')));
}
