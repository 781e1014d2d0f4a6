import type { Command } from 'commander';
import { examples } from '../output.js';
import * as install from './hooks-install.js';
import * as uninstall from './hooks-uninstall.js';
import * as status from './hooks-status.js';

export function register(program: Command): void {
  const hooks = program
    .command('hooks')
    .description('manage the git hooks that run sdd: pre-commit (`sdd check --staged`) and pre-push (`sdd check`)')
    .addHelpText('after', examples(
      ['sdd hooks install', 'pre-commit hook: check what each commit changes'],
      ['sdd hooks install --pre-push', 'and a pre-push hook running the full check'],
      ['sdd hooks status', 'what is installed, and where'],
      ['sdd hooks uninstall', 'remove them, putting back any hook they chained'],
    ));
  for (const sub of [install, uninstall, status]) sub.register(hooks);
}
