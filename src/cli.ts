import { Command, CommanderError, Option } from 'commander';
import { ExitCode, SddError } from './core/errors.js';
import { sddVersion } from './core/package-info.js';
import { writeError } from './output.js';
import * as initCommand from './commands/init.js';
import * as newCommand from './commands/new.js';
import * as validateCommand from './commands/validate.js';
import * as listCommand from './commands/list.js';
import * as showCommand from './commands/show.js';

const argv = process.argv;
const jsonMode = argv.includes('--json');
const errorEnv = {
  json: jsonMode,
  stdout: { write: (s: string) => void process.stdout.write(s) },
  stderr: { write: (s: string) => void process.stderr.write(s) },
};

process.on('SIGINT', () => process.exit(ExitCode.interrupted));

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
    outputError: (text, write) => {
      if (!jsonMode) write(text);
    },
  });

for (const command of [initCommand, newCommand, validateCommand, listCommand, showCommand]) command.register(program);

try {
  await program.parseAsync(argv);
} catch (err) {
  process.exitCode = handleError(err);
}

function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return ExitCode.ok;
    if (jsonMode) writeError(errorEnv, new SddError('usage', err.message.replace(/^error: /, ''), { fix: 'Run `sdd --help` or `sdd <command> --help` for usage.' }));
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
