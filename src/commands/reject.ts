import type { Command } from 'commander';
import { action } from '../command.js';
import { examples } from '../output.js';
import type { Env } from '../env.js';
import { decide, type DecisionOptions } from './approve.js';

export function register(program: Command): void {
  program
    .command('reject')
    .description('reject a spec: a new signed decision file under .sdd/approvals/<id>/')
    .argument('<id>', 'spec id')
    .requiredOption('--reason <text>', 'what must change (required)')
    .option('--as <email>', 'decide as this principal (default: git config user.email)')
    .option('--key <path>', 'SSH private key to sign with (default: git config user.signingkey)')
    .addHelpText('after', examples(
      ['sdd reject user-login --reason "REQ-003 contradicts the session spec"', ''],
    ) + '\nA rejection by a reviewer replaces their earlier approval of the same content. Same rules as `sdd approve`.\n')
    .action(action((env: Env, o: DecisionOptions) => decide(env, o, 'rejected')));
}
