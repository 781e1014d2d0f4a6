import type { Command } from 'commander';
import { action, commaList } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { openProject } from '../core/project/open.js';

export interface NewOptions {
  args: string[];
  id?: string;
  domain?: string;
  dependsOn?: string[];
  phase?: string;
  owner?: string;
}

export function register(program: Command): void {
  program
    .command('new')
    .description('create a spec (or plan, tasks, adr, constitution) from a template')
    .argument('<template>', 'spec, plan, tasks, adr, constitution, or one of .sdd/templates/*.md')
    .argument('<title>', 'title of the new document; the id is made from it unless --id is given')
    .option('--id <slug>', 'id to use instead of one made from the title')
    .option('--domain <domain>', 'domain; the file goes to .sdd/specs/<domain>/')
    .option('--depends-on <ids>', 'comma-separated ids this spec depends on (repeatable)', commaList)
    .option('--phase <phase>', 'delivery phase, e.g. 2')
    .option('--owner <email>', 'owner (default: git config user.email)')
    .addHelpText('after', examples(
      ['sdd new spec "User login"', 'creates .sdd/specs/user-login.md'],
      ['sdd new spec "Token refresh" --domain auth --depends-on user-login --phase 2', 'with metadata'],
      ['sdd new adr "Use SQLite for the index" --id adr-0001', 'an architecture decision record'],
    ) + '\nTemplates in .sdd/templates/<name>.md override the built-in ones. Variables: {{id}}, {{title}},\n{{domain}}, {{phase}}, {{owner}}, {{depends_on}}, {{date}}, {{kind}}.\n')
    .action(action(run));
}

export async function run(env: Env, options: NewOptions): Promise<number> {
  const [template, title] = options.args;
  const { createSpec } = await import('../core/spec/create.js');
  const project = openProject(env.cwd);
  // Ids in use come from the index (fresh on every read), not from reading every spec file.
  let existing = new Map<string, string>();
  if (template !== 'constitution') {
    const cache = await env.openCache({ project });
    existing = (await import('../cache/read.js')).filesById(cache.db);
  }
  const result = createSpec(project, {
    template, title, id: options.id, domain: options.domain, dependsOn: options.dependsOn, phase: options.phase, owner: options.owner, now: env.now(), git: env.git,
  }, existing);
  if (env.json) {
    writeJson(env, { ok: true, id: result.id, file: result.file, template: result.template });
  } else {
    env.stdout.write(`created ${result.file}\n`);
    note(env, `Next: edit it, then run \`sdd validate ${result.file}\`.`);
  }
  return 0;
}
