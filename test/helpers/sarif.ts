import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT, makeTempDir } from './cli.js';

const require = createRequire(import.meta.url);

/** The Microsoft SARIF multitool binary shipped by @microsoft/sarif-multitool-linux. */
export function multitoolPath(): string {
  return path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
}

export interface MultitoolResult {
  level: string;
  ruleId: string;
  message: string;
}

/**
 * Validates a SARIF file with the multitool and returns its results. The tool always exits 0,
 * even on invalid input, so the verdict is read from its own SARIF output: a result without a
 * level is a warning.
 */
export function multitoolValidate(sarifFile: string, kind: 'Sarif' | 'Gh'): MultitoolResult[] {
  const out = path.join(makeTempDir('sdd-sarif-'), 'validation.sarif');
  // The multitool's parser wants -c before the trailing flags.
  const config = kind === 'Gh' ? ['-c', path.join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'cfg-gh.xml')] : [];
  const args = ['validate', sarifFile, '--rule-kind', kind, ...config, '--output', out, '--log', 'ForceOverwrite', '-q'];
  execFileSync(multitoolPath(), args, { stdio: 'pipe', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  if (!fs.existsSync(out)) throw new Error(`the multitool wrote no output for ${sarifFile}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: Array<{ results?: Array<{ level?: string; ruleId: string; message: { text?: string; id?: string; arguments?: string[] } }>; invocations?: Array<{ toolExecutionNotifications?: Array<{ level?: string; message: { text: string } }> }> }> };
  const run = log.runs[0];
  const notes = (run.invocations ?? []).flatMap((i) => i.toolExecutionNotifications ?? []);
  const fatal = notes.filter((n) => n.level === 'error');
  if (fatal.length) throw new Error(`the multitool failed: ${fatal.map((n) => n.message.text).join('; ')}`);
  return (run.results ?? []).map((r) => ({ level: r.level ?? 'warning', ruleId: r.ruleId, message: r.message.text ?? `${r.message.id} ${JSON.stringify(r.message.arguments)}` }));
}
