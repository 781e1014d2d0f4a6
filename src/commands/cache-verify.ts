import fs from 'node:fs';
import type { Command } from 'commander';
import { openProject } from '../core/project/open.js';
import { indexPath } from '../cache/session.js';
import { action } from '../command.js';
import { examples, writeJson } from '../output.js';
import type { Env } from '../env.js';

export function register(cache: Command): void {
  cache
    .command('verify')
    .description('compare the index with the spec files (counts and hashes); exit 1 on any difference')
    .addHelpText('after', examples(['sdd cache verify', 'reports each file the index disagrees with'], ['sdd cache verify --json', 'for scripts']))
    .action(action(run));
}

// @sdd index-cache/IDX-006
export async function run(env: Env, _options: { args: string[] }): Promise<number> {
  const project = openProject(env.cwd);
  // No index is not a disagreement with the files: it is rebuilt on the next read.
  if (!fs.existsSync(indexPath(project))) {
    if (env.json) writeJson(env, { ok: true, missing: true, index: indexPath(project), files: null, indexed_files: 0, indexed_specs: 0, drift: [] });
    else env.stdout.write(`✓ no index yet (${indexPath(project)}): the next read command or \`sdd cache rebuild\` builds it from the files\n`);
    return 0;
  }
  const { db } = await env.openCache({ project, refresh: false });
  const { verifyIndex } = await import('../cache/verify.js');
  const report = await verifyIndex(db, project.paths, project.config);
  if (env.json) {
    writeJson(env, { ok: report.drift.length === 0, missing: false, files: report.files, indexed_files: report.indexedFiles, indexed_specs: report.indexedSpecs, drift: report.drift });
  } else {
    for (const d of report.drift) env.stdout.write(`${d.file}: ${d.problem}: ${d.detail}\n`);
    env.stdout.write(report.drift.length === 0
      ? `✓ index matches the files (${report.files} files, ${report.indexedSpecs} specs)\n`
      : `✖ ${report.drift.length} difference${report.drift.length === 1 ? '' : 's'} between the index and the files; any read command or \`sdd cache rebuild\` brings it up to date\n`);
  }
  return report.drift.length === 0 ? 0 : 1;
}
