import type { SpecSummary } from '../cache/read.js';
import type { Env } from '../env.js';
import { style, table } from '../output.js';

const HEADER = ['ID', 'STATUS', 'PHASE', 'DOMAIN', 'TITLE'];

function cells(s: SpecSummary): string[] {
  return [s.id, s.status, s.phase === null ? '' : String(s.phase), s.domain ?? '', s.title];
}

/**
 * Writes specs as `sdd list` and `sdd query` show them: tab-separated lines on a pipe (one per
 * spec, for scripts), an aligned table with a bold header on a terminal; `empty` when there are none.
 */
export async function writeSpecTable(env: Env, specs: SpecSummary[], empty = 'No specs match.'): Promise<void> {
  if (!env.isTTY) {
    env.stdout.write(specs.map((s) => cells(s).join('\t') + '\n').join(''));
    return;
  }
  const paint = await style(env);
  if (specs.length === 0) {
    env.stdout.write(paint.dim(empty) + '\n');
    return;
  }
  const [header, ...lines] = table([HEADER, ...specs.map(cells)]).split('\n');
  env.stdout.write(paint.bold(header) + '\n' + lines.join('\n'));
}
