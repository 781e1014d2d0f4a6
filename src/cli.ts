import { Command, CommanderError, Option } from 'commander';
import { ExitCode, SddError, environmentError } from './core/shared/errors.js';
import { sddVersion } from './core/project/package-info.js';
import { writeError } from './output.js';
import { commandWord, mark } from './core/shared/startup.js';
import { attachHost, processHost, type Host } from './command.js';
import type { Output } from './env.js';


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

/** Where a run of the CLI writes and what it sees: the process's, or a test's captured streams. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  vars: Record<string, string | undefined>;
  host: Host;
}

const processIo: CliIo = {
  stdout: { write: (s: string) => void process.stdout.write(s) },
  stderr: { write: (s: string) => void process.stderr.write(s) },
  vars: process.env,
  host: processHost,
};

/** Runs sdd with `argv` (process.argv's shape) as the process; sets process.exitCode. */
export async function main(argv: string[]): Promise<void> {
  process.on('SIGINT', () => process.exit(ExitCode.interrupted));
  // A reader that stops early (`sdd list | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    throw err;
  });
  process.exitCode = await runCli(argv, processIo);
}

// @sdd cli-frame/CLI-001
/**
 * Runs sdd with `argv` against `io` and returns the exit code. It never exits the process, so
 * tests can run commands in-process exactly as the launcher does.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  mark('cli: modules loaded');
  const jsonMode = argv.includes('--json');
  const errorEnv: ErrorEnv = { json: jsonMode, stdout: io.stdout, stderr: io.stderr, commandPath: 'sdd' };
  let code: number = ExitCode.ok;
  const host: Host = {
    env: io.host.env,
    exit: (c) => {
      code = c;
      io.host.exit(c);
    },
  };

  // Everything from here on, building the program included, ends in handleError, never in a stack trace.
  try {
    const program = new Command('sdd')
      .description('Spec-driven development, local-first: specs in .sdd/, checked like code.')
      .version(sddVersion(), '-V, --version', 'print the sdd version')
      .option('--json', 'print exactly one JSON document on stdout (also on errors)')
      .addOption(new Option('--color <when>', 'colour output: auto (on a terminal), always or never; FORCE_COLOR and NO_COLOR are honoured').choices(['auto', 'always', 'never']))
      .option('--no-color', 'the same as --color never')
      .option('--cwd <dir>', 'run as if started in <dir>')
      .addOption(new Option('-q, --quiet', 'print only data and errors'))
      .exitOverride()
      // Subcommand help lists the global flags too ("Global Options"), as gh's INHERITED FLAGS.
      .configureHelp({ showGlobalOptions: true })
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        // In --json mode stdout carries one document and stderr stays empty: errors become that document.
        writeErr: (text) => {
          if (!jsonMode) io.stderr.write(text);
        },
        // Commander's own usage errors are reported by handleError, in sdd's `Error:` / `Fix:` form.
        outputError: () => undefined,
      });
    attachHost(program, host);

    const invoked = commandWord(argv.slice(2));
    errorEnv.commandPath = invoked ? `sdd ${ALIASES[invoked] ?? invoked}` : 'sdd';
    const known = invoked && COMMANDS[ALIASES[invoked] ?? invoked] ? ALIASES[invoked] ?? invoked : null;
    // `sdd --version` needs no command; help (and a mistyped command) needs them all.
    const versionOnly = !invoked && argv.slice(2).some((a) => a === '--version' || a === '-V');
    const wanted = known ? [known] : versionOnly ? [] : Object.keys(COMMANDS);
    for (const command of await Promise.all(wanted.map((name) => COMMANDS[name]()))) command.register(program);

    if (known) errorEnv.commandPath = commandPath(program, known, argv.slice(2));
    mark('cli: program built');
    if (jsonMode && argv.slice(2).some((a) => a === '--version' || a === '-V')) {
      io.stdout.write(JSON.stringify({ version: 1, sdd_version: sddVersion() }, null, 2) + '\n');
      return ExitCode.ok;
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
    return code;
  } catch (err) {
    return handleError(err, errorEnv, io.vars);
  }
}

// @sdd architecture/ARCH-002
// @sdd cli-frame/CLI-004, cli-frame/CLI-007
interface ErrorEnv {
  json: boolean;
  stdout: Output;
  stderr: Output;
  /** The command the user ran (`sdd list`), for the hint of a usage error. */
  commandPath: string;
}

function handleError(err: unknown, errorEnv: ErrorEnv, vars: Record<string, string | undefined>): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return ExitCode.ok;
    // `sdd` alone printed the help already; it only needs the exit code and the JSON error.
    if (err.code === 'commander.help') {
      if (errorEnv.json) writeError(errorEnv, new SddError('usage', 'No command given', { fix: 'Run `sdd --help` for the list of commands.' }));
      return ExitCode.error;
    }
    const message = err.message.replace(/^error: /, '');
    const where = err.code === 'commander.unknownCommand' ? 'sdd' : errorEnv.commandPath;
    writeError(errorEnv, new SddError('usage', `${where}: ${message}`, { fix: `Run \`${where} --help\` for usage.` }));
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
  if (vars.SDD_DEBUG) errorEnv.stderr.write(`${(err as Error)?.stack ?? err}\n`);
  return ExitCode.error;
}

/** `sdd cache status` for `cache status --json`: the command and the subcommand named after it. */
function commandPath(program: Command, name: string, args: string[]): string {
  const command = program.commands.find((c) => c.name() === name);
  const words = args.filter((a) => !a.startsWith('-'));
  const sub = command?.commands.find((c) => c.name() === words[words.indexOf(words.find((w) => (ALIASES[w] ?? w) === name) ?? '') + 1]);
  return sub ? `sdd ${name} ${sub.name()}` : `sdd ${name}`;
}
