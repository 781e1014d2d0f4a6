import type { Command } from 'commander';
import { examples } from '../output.js';
import * as rebuild from './cache-rebuild.js';
import * as status from './cache-status.js';
import * as clear from './cache-clear.js';
import * as verify from './cache-verify.js';

export function register(program: Command): void {
  const cache = program
    .command('cache')
    .description('inspect or manage the index (.sdd/.cache/sdd.db): derived from the specs, safe to delete')
    .addHelpText('after', examples(
      ['sdd cache status', 'where the index is, how big, how fresh'],
      ['sdd cache verify', 'compare the index with the files'],
      ['sdd cache rebuild', 're-read every spec'],
      ['sdd cache clear', 'delete the index; the next command rebuilds it'],
    ));
  for (const sub of [rebuild, status, clear, verify]) sub.register(cache);
}
