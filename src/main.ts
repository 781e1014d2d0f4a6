/**
 * The bundle's entry point (dist/sdd.cjs, loaded by bin/sdd.js). Before anything else loads it
 * starts `git status` for the index refresh (src/prefetch.ts), so that git runs on another core
 * while the command's code is evaluated; then it runs the CLI.
 */
import { launch } from './launch.js';
import { mark, prefetchStatus } from './prefetch.js';

mark(`bundle: evaluated (code cache ${launch?.codeCache ?? 'not used'})`);
prefetchStatus(process.argv);
void import('./cli.js').then(({ main }) => main(process.argv));
