import fs from 'node:fs';
import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, writeJson } from '../output.js';
import { openProject } from '../core/project/open.js';
import { indexPath } from '../cache/session.js';
import { removeDatabase } from '../cache/db.js';
import type { Env } from '../env.js';

export function register(cache: Command): void {
  cache
    .command('clear')
    .description('delete the index; the next command rebuilds it')
    .addHelpText('after', examples(['sdd cache clear', 'remove .sdd/.cache/sdd.db and its side files']))
    .action(action(run));
}

// @sdd index-cache/IDX-006
export async function run(env: Env, _options: { args: string[] }): Promise<number> {
  const file = indexPath(openProject(env.cwd));
  const existed = fs.existsSync(file);
  removeDatabase(file);
  if (env.json) writeJson(env, { ok: true, index: file, removed: existed });
  else env.stdout.write(existed ? `Removed ${file}\n` : `No index at ${file}\n`);
  return 0;
}
