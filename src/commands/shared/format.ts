import { SddError } from '../../core/shared/errors.js';
import type { Env } from '../../env.js';

// @sdd cli-frame/CLI-002
/**
 * The one rule for `--json` and `--format`, in every command that has both: `--json` means one
 * JSON document on stdout, `--format` names the format of the report. Alone, `--json` picks the
 * json format. Together they agree (`--format json`), or the report goes to `--output` (the file
 * gets `--format`, stdout the JSON summary); any other pair would print one format while the
 * other was asked for, so it is a usage error rather than a silent choice.
 */
export function chooseFormat(env: Env, given: string | undefined, fallback: string, output?: string): string {
  if (given === undefined) return env.json ? 'json' : fallback;
  if (env.json && given !== 'json' && !output) {
    throw new SddError('usage', `--json and --format ${given} ask for two different outputs on stdout`, {
      fix: `Use one of them: --json (the same as --format json), or --format ${given} without --json; or add --output <file> to write the ${given} report to a file and the JSON summary to stdout.`,
    });
  }
  return given;
}
