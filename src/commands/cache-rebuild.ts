import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import { openProject, type Project } from '../core/project/open.js';
import { walkSpecFiles } from '../core/spec/walk.js';
import { relativePath } from '../core/project/paths.js';
import { countSpecs } from '../cache/read.js';
import type { Env } from '../env.js';

export function register(cache: Command): void {
  cache
    .command('rebuild')
    .description('re-read every spec file and rebuild the index from scratch')
    .addHelpText('after', examples(['sdd cache rebuild', 'shows a progress bar on a terminal'], ['sdd cache rebuild --json', 'counts and timing as JSON']))
    .action(action(run));
}

/** Below this many specs a rebuild is over before a bar would be worth drawing. */
const PROGRESS_MIN_SPECS = 500;

// @sdd architecture/ARCH-007
// @sdd index-cache/IDX-006
export async function run(env: Env, _options: { args: string[] }): Promise<number> {
  const project = openProject(env.cwd);
  // A bar only on a terminal, for large projects.
  const progress = env.stderrIsTTY && !env.quiet && !env.json && countSpecFiles(project) >= PROGRESS_MIN_SPECS
    ? (await import('../ui/progress.js')).startProgress(process.stderr, 'specs', env.color)
    : null;
  let cache;
  try {
    cache = await env.openCache({ project, rebuild: true, onProgress: progress ? (done, total) => progress.update(done, total) : undefined });
  } finally {
    progress?.done();
  }
  const { file } = cache;
  const refresh = cache.refresh!;
  const specs = countSpecs(cache.db);
  if (env.json) {
    writeJson(env, { ok: true, index: file, files: refresh.scanned, specs, duration_ms: Math.round(refresh.durationMs) });
  } else {
    env.stdout.write(`Indexed ${specs} specs from ${refresh.scanned} files in ${Math.round(refresh.durationMs)} ms\n`);
    note(env, `index: ${file}`);
  }
  return 0;
}

/** Spec files on disk, counted without parsing (core/load.ts would pull the parser into start-up). */
function countSpecFiles(project: Project): number {
  return walkSpecFiles(project.paths.specsDir, relativePath(project.paths.root, project.paths.specsDir)).length;
}
