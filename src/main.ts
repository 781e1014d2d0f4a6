/**
 * The bundle's entry point (dist/sdd.cjs, loaded by bin/sdd.js, which has already started `git
 * status` for the index refresh: src/core/git/prefetch.ts). It runs the CLI.
 */
import { launch } from './launch.js';
import { mark, markLines } from './core/shared/startup.js';

// SDD_PROFILE=1: the timing marks of the launcher, the refresh and the command, on stderr at exit.
if (process.env.SDD_PROFILE) process.on('exit', () => process.stderr.write(markLines()));

mark(`bundle: evaluated (code cache ${launch?.codeCache ?? 'not used'})`);
void import('./cli.js').then(({ main }) => main(process.argv));
