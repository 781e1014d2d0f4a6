import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import { openProject } from '../core/open.js';
import { openFreshIndex } from '../cache/session.js';
import type { Env } from '../env.js';

export function register(cache: Command): void {
  cache
    .command('rebuild')
    .description('re-read every spec file and rebuild the index from scratch')
    .addHelpText('after', examples(['sdd cache rebuild', 'shows a progress bar on a terminal'], ['sdd cache rebuild --json', 'counts and timing as JSON']))
    .action(action(run));
}

export async function run(env: Env, _options: { args: string[] }): Promise<number> {
  const showProgress = env.stderrIsTTY && !env.quiet && !env.json;
  let lastDrawn = -1;
  const onProgress = (done: number, total: number) => {
    if (!showProgress || total < 500) return;
    const pct = Math.floor((done / total) * 100);
    if (pct === lastDrawn) return;
    lastDrawn = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    env.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${done}/${total} specs`);
    if (done === total) env.stderr.write('\r\x1b[2K');
  };
  const { db, file, refresh } = await openFreshIndex(openProject(env.cwd), { rebuild: true, onProgress });
  const specs = db.prepare('SELECT count(*) FROM specs').pluck().get() as number;
  if (env.json) {
    writeJson(env, { ok: true, index: file, files: refresh.scanned, specs, duration_ms: Math.round(refresh.durationMs) });
  } else {
    env.stdout.write(`Indexed ${specs} specs from ${refresh.scanned} files in ${Math.round(refresh.durationMs)} ms\n`);
    note(env, `index: ${file}`);
  }
  return 0;
}
