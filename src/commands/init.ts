import path from 'node:path';
import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import type { Env } from '../env.js';

export interface InitOptions {
  args: string[];
  force?: boolean;
}

export function register(program: Command): void {
  program
    .command('init')
    .description('create .sdd/ in the current directory (safe to re-run: existing files are never touched)')
    .option('--force', 'create the project even inside another sdd project (a nested .sdd/)')
    .addHelpText('after', examples(
      ['sdd init', 'set up .sdd/ at the root of this repository'],
      ['sdd init --cwd ../other-repo', 'set up another repository'],
      ['sdd init --json', 'list what was created, as JSON'],
    ) + `
Creates, under .sdd/ (each only if missing):
  config.yaml       settings; its $schema comment gives editors completion
  constitution.md   the project's principles, versioned
  access.yml        who may review and approve, per domain
  allowed_signers   the SSH keys whose approval signatures count
  .gitignore        keeps the derived index (.cache/) out of git
  specs/            where specs live

Inside another sdd project it refuses (naming that project) unless --force.
`)
    .action(action(run));
}

// @sdd project-init/INIT-003
export async function run(env: Env, options: InitOptions): Promise<number> {
  const { initProject } = await import('../core/project/init.js');
  const result = initProject(env.cwd, env.now(), { force: options.force });
  if (env.json) {
    writeJson(env, { ok: true, root: result.root, created: result.created, existing: result.existing });
    return 0;
  }
  if (result.created.length === 0) {
    note(env, `Nothing to do: ${path.join(result.root, '.sdd')} is already set up.`);
  } else {
    for (const f of result.created) env.stdout.write(`created ${f}\n`);
    note(env, `\nNext: sdd new spec "My first spec"   (then: sdd validate)`);
  }
  return 0;
}
