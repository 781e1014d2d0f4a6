import { Command, CommanderError, Option } from 'commander';
import { ExitCode, SddError, environmentError } from './core/shared/errors.js';
import { sddVersion } from './core/project/package-info.js';
import { writeError } from './output.js';
import { commandWord, mark } from './core/shared/startup.js';


/**
 * Every command, loaded on demand: a run imports only the module of the command it runs (the
 * literal paths give each its own bundle chunk); help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<{ register(program: Command): void }>> = {
  init: () => import('./commands/init.js'),
  new: () => import('./commands/new.js'),
  validate: () => import('./commands/validate.js'),
  check: () => import('./commands/check.js'),
  rules: () => import('./commands/rules.js'),
  list: () => import('./commands/list.js'),
  show: () => import('./commands/show.js'),
  query: () => import('./commands/query.js'),
  search: () => import('./commands/search.js'),
  deps: () => import('./commands/deps.js'),
  impact: () => import('./commands/impact.js'),
  graph: () => import('./commands/graph.js'),
  approve: () => import('./commands/approve.js'),
  reject: () => import('./commands/reject.js'),
  status: () => import('./commands/status.js'),
  review: () => import('./commands/review.js'),
  history: () => import('./commands/history.js'),
  diff: () => import('./commands/diff.js'),
  audit: () => import('./commands/audit.js'),
  trace: () => import('./commands/trace.js'),
  drift: () => import('./commands/drift.js'),
  stats: () => import('./commands/stats.js'),
  'merge-driver': () => import('./commands/merge-driver.js'),
  hooks: () => import('./commands/hooks.js'),
  cache: () => import('./commands/cache.js'),
};
const ALIASES: Record<string, string> = { ls: 'list' };

// @sdd cli-frame/CLI-001
/** Runs sdd with `argv` (process.argv's shape); sets process.exitCode. */
export async function main(argv: string[]): Promise<void> {
  mark('cli: modules loaded');
  const jsonMode = argv.includes('--json');
  const errorEnv = {
    json: jsonMode,
    stdout: { write: (s: string) => void process.stdout.write(s) },
    stderr: { write: (s: string) => void process.stderr.write(s) },
  };

  process.on('SIGINT', () => process.exit(ExitCode.interrupted));
  // A reader that stops early (`sdd list | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    throw err;
  });

  // Everything from here on, building the program included, ends in handleError, never in a stack trace.
  try {
    const program = new Command('sdd')
      .description('Spec-driven development, local-first: specs in .sdd/, checked like code.')
      .version(sddVersion(), '-V, --version', 'print the sdd version')
      .option('--json', 'print exactly one JSON document on stdout (also on errors)')
      .option('--no-color', 'disable colour (NO_COLOR is honoured too)')
      .option('--cwd <dir>', 'run as if started in <dir>')
      .addOption(new Option('-q, --quiet', 'print only data and errors'))
      .showHelpAfterError('(run with --help for usage)')
      .exitOverride()
      .configureOutput({
        // In --json mode stdout carries one document and stderr stays empty: errors become that document.
        writeErr: (text) => {
          if (!jsonMode) process.stderr.write(text);
        },
        outputError: (text, write) => {
          if (!jsonMode) write(text);
        },
      });

    const invoked = commandWord(argv.slice(2));
    const known = invoked && COMMANDS[ALIASES[invoked] ?? invoked] ? ALIASES[invoked] ?? invoked : null;
    // `sdd --version` needs no command; help (and a mistyped command) needs them all.
    const versionOnly = !invoked && argv.slice(2).some((a) => a === '--version' || a === '-V');
    const wanted = known ? [known] : versionOnly ? [] : Object.keys(COMMANDS);
    for (const command of await Promise.all(wanted.map((name) => COMMANDS[name]()))) command.register(program);

    mark('cli: program built');
    if (jsonMode && argv.slice(2).some((a) => a === '--version' || a === '-V')) {
      process.stdout.write(JSON.stringify({ version: 1, sdd_version: sddVersion() }, null, 2) + '\n');
      process.exit(ExitCode.ok);
    }
    try {
      await program.parseAsync(argv);
    } catch (err) {
      // The index is derived data: if a read finds it damaged, delete it and run the command again.
      const { discardDamagedIndex } = await import('./cache/session.js');
      if (!discardDamagedIndex(err)) throw err;
      await program.parseAsync(argv);
    }
    mark('cli: command done');
  } catch (err) {
    process.exitCode = handleError(err, errorEnv);
  }
}

// @sdd architecture/ARCH-002
// @sdd cli-frame/CLI-004, cli-frame/CLI-007
function handleError(err: unknown, errorEnv: { json: boolean; stdout: { write(s: string): void }; stderr: { write(s: string): void } }): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return ExitCode.ok;
    const message = err.code === 'commander.help' ? 'No command given' : err.message.replace(/^error: /, '');
    if (errorEnv.json) writeError(errorEnv, new SddError('usage', message, { fix: 'Run `sdd --help` or `sdd <command> --help` for usage.' }));
    return ExitCode.error;
  }
  if (err instanceof SddError) {
    writeError(errorEnv, err);
    return err.exitCode;
  }
  const known = environmentError(err);
  if (known) {
    writeError(errorEnv, known);
    return known.exitCode;
  }
  const internal = new SddError('internal_error', `Unexpected failure: ${(err as Error)?.message ?? String(err)}`, {
    fix: 'This is a bug in sdd. Re-run with SDD_DEBUG=1 for a stack trace and report it with the command you ran.',
  });
  writeError(errorEnv, internal);
  if (process.env.SDD_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
  return ExitCode.error;
}
