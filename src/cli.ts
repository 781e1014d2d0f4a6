import { Command, CommanderError, Option } from 'commander';
import { ExitCode, SddError } from './core/errors.js';
import { sddVersion } from './core/package-info.js';
import { writeError } from './output.js';
import * as initCommand from './commands/init.js';
import * as newCommand from './commands/new.js';
import * as validateCommand from './commands/validate.js';
import * as listCommand from './commands/list.js';
import * as showCommand from './commands/show.js';
import * as queryCommand from './commands/query.js';
import * as searchCommand from './commands/search.js';
import * as cacheCommand from './commands/cache.js';
import * as checkCommand from './commands/check.js';
import * as rulesCommand from './commands/rules.js';
import * as depsCommand from './commands/deps.js';
import * as impactCommand from './commands/impact.js';
import * as graphCommand from './commands/graph.js';
import * as approveCommand from './commands/approve.js';
import * as rejectCommand from './commands/reject.js';
import * as statusCommand from './commands/status.js';
import * as reviewCommand from './commands/review.js';
import * as historyCommand from './commands/history.js';
import * as diffCommand from './commands/diff.js';
import * as auditCommand from './commands/audit.js';
import * as traceCommand from './commands/trace.js';
import * as driftCommand from './commands/drift.js';
import * as statsCommand from './commands/stats.js';
import * as mergeDriverCommand from './commands/merge-driver.js';
import * as hooksCommand from './commands/hooks.js';

import { mark } from './prefetch.js';

mark('cli: modules loaded');
const argv = process.argv;
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

for (const command of [initCommand, newCommand, validateCommand, checkCommand, rulesCommand, listCommand, showCommand, queryCommand, searchCommand, depsCommand, impactCommand, graphCommand, approveCommand, rejectCommand, statusCommand, reviewCommand, historyCommand, diffCommand, auditCommand, traceCommand, driftCommand, statsCommand, mergeDriverCommand, hooksCommand, cacheCommand]) command.register(program);

mark('cli: program built');
try {
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
  process.exitCode = handleError(err);
}

function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return ExitCode.ok;
    const message = err.code === 'commander.help' ? 'No command given' : err.message.replace(/^error: /, '');
    if (jsonMode) writeError(errorEnv, new SddError('usage', message, { fix: 'Run `sdd --help` or `sdd <command> --help` for usage.' }));
    return ExitCode.error;
  }
  if (err instanceof SddError) {
    writeError(errorEnv, err);
    return err.exitCode;
  }
  const internal = new SddError('internal_error', `Unexpected failure: ${(err as Error)?.message ?? String(err)}`, {
    fix: 'This is a bug in sdd. Re-run with SDD_DEBUG=1 for a stack trace and report it with the command you ran.',
  });
  writeError(errorEnv, internal);
  if (process.env.SDD_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
  return ExitCode.error;
}
