/**
 * The bundle's entry point (dist/sdd.cjs, loaded by bin/sdd.js). bin/sdd.js has already started
 * `git status` for the index refresh (src/prefetch.ts), so that git runs on another core while
 * the command's code is read and evaluated; the call here only covers a bundle run without the
 * launcher. Then it runs the CLI.
 */
import { launch } from './launch.js';
import { mark, prefetchStatus } from './prefetch.js';

mark(`bundle: evaluated (code cache ${launch?.codeCache ?? 'not used'})`);
prefetchStatus(process.argv);
void import('./cli.js').then(({ main }) => main(process.argv));
