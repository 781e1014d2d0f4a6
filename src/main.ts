/**
 * The bundle's entry point (dist/sdd.cjs, loaded by bin/sdd.js, which has already started `git
 * status` for the index refresh: src/core/git/prefetch.ts). It runs the CLI.
 */
import { launch } from './launch.js';
import { mark } from './core/shared/startup.js';

mark(`bundle: evaluated (code cache ${launch?.codeCache ?? 'not used'})`);
void import('./cli.js').then(({ main }) => main(process.argv));
