/**
 * What the launcher (bin/sdd.js), the CLI and the modules it loads share about start-up: the
 * command word and the timing marks. Built into dist/prefetch.cjs with the git status prefetch
 * (src/core/git/prefetch.ts), which the bundle requires rather than copies: one list of marks.
 */

/**
 * The command word of `args` (process.argv without node and the script), skipping global options
 * and the value of --cwd; undefined when there is none. bin/sdd.js names its code cache by it,
 * src/cli.ts loads that command's module.
 */
export function commandWord(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--cwd') i++;
    else if (a === '--') return undefined;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

const marks: Array<[string, number]> = [];

/** Records a timing mark when SDD_PROFILE is set; src/cli.ts prints them at exit. */
export function mark(name: string): void {
  if (process.env.SDD_PROFILE) marks.push([name, performance.now()]);
}

/** The marks recorded so far, one line each (milliseconds since the process started). */
export function markLines(): string {
  return marks.map(([n, t]) => `${t.toFixed(1).padStart(7)} ms  ${n}\n`).join('');
}
