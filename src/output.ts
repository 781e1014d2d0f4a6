import { stripVTControlCharacters } from 'node:util';
import { formatTarget, SddError } from './core/shared/errors.js';
import type { Env } from './env.js';

/** Version of every JSON document sdd prints; bumped only on breaking changes. */
export const JSON_VERSION = 1;

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s, cyan: (s) => s };

/** Colour functions when colour is on; chalk is loaded only then, keeping piped runs lean. */
export async function style(env: Env): Promise<Style> {
  if (!env.color) return plain;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  // Each line is styled on its own, so no style is open across a line end: pagers, `grep` and
  // CI logs that show lines one at a time never bleed a colour into the next line.
  const perLine = (paint: (s: string) => string) => (s: string) => s.split('\n').map((l) => (l === '' ? l : paint(l))).join('\n');
  return { bold: perLine(c.bold), dim: perLine(c.dim), red: perLine(c.red), yellow: perLine(c.yellow), green: perLine(c.green), cyan: perLine(c.cyan) };
}

// @sdd cli-frame/CLI-002
/** Prints one JSON document on stdout, with the contract's `version` first. */
export function writeJson(env: Env, doc: Record<string, unknown>): void {
  env.stdout.write(JSON.stringify({ version: JSON_VERSION, ...doc }, null, 2) + '\n');
}

/** Informational lines for people (stderr, silenced by --quiet and --json). */
export function note(env: Env, text: string): void {
  if (!env.quiet && !env.json) env.stderr.write(text + '\n');
}

export interface ErrorJson {
  code: string;
  message: string;
  target?: string;
  fix?: string;
}

export function errorJson(err: SddError): ErrorJson {
  return {
    code: err.code,
    message: err.message,
    ...(err.target ? { target: formatTarget(err.target) } : {}),
    ...(err.fix ? { fix: err.fix } : {}),
  };
}

// @sdd cli-frame/CLI-002, cli-frame/CLI-003
/** Reports an error the way the current mode asks: one JSON document, or `Error:` / `Fix:` lines. */
export function writeError(env: Pick<Env, 'json' | 'stdout' | 'stderr'>, err: SddError): void {
  if (env.json) {
    env.stdout.write(JSON.stringify({ version: JSON_VERSION, ok: false, error: errorJson(err) }, null, 2) + '\n');
    return;
  }
  const where = err.target ? `${formatTarget(err.target)}: ` : '';
  env.stderr.write(`Error: ${where}${err.message}\n`);
  if (err.fix) env.stderr.write(`Fix: ${err.fix}\n`);
}

// @sdd cli-frame/CLI-006
/** Help text for the `Examples:` section every command carries. */
export function examples(...pairs: Array<[command: string, what: string]>): string {
  const width = Math.max(...pairs.map(([c]) => c.length));
  // An example without an explanation gets no comment marker: an empty `# ` is noise to copy.
  return '\nExamples:\n' + pairs.map(([c, w]) => (w.trim() === '' ? `  $ ${c}` : `  $ ${c.padEnd(width)}  # ${w}`)).join('\n') + '\n';
}

/** Lays out rows as aligned columns (for TTY tables). */
export function table(rows: string[][], visibleWidth: (s: string) => number = (s) => stripVTControlCharacters(s).length): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(c))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - visibleWidth(c)))).join('  ').trimEnd()).join('\n') + '\n';
}
