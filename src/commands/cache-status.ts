import fs from 'node:fs';
import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, writeJson } from '../output.js';
import { openProject } from '../core/project/open.js';
import { indexPath } from '../cache/session.js';
import { indexStatus } from '../cache/status.js';
import type { Env } from '../env.js';
import { walkSpecFiles } from '../core/spec/walk.js';
import { relativePath, type ProjectPaths } from '../core/project/paths.js';
import { sddVersion } from '../core/project/package-info.js';
import { SCHEMA_VERSION } from '../cache/schema.js';

export function register(cache: Command): void {
  cache
    .command('status')
    .description('show where the index is, its size, what it holds and how many files changed since the last refresh')
    .addHelpText('after', examples(['sdd cache status', 'human-readable'], ['sdd cache status --json', 'for scripts']))
    .action(action(run));
}

// @sdd index-cache/IDX-006
export async function run(env: Env, _options: { args: string[] }): Promise<number> {
  const project = openProject(env.cwd);
  const existed = fs.existsSync(indexPath(project));
  // Looking must not build: a missing index is reported as missing, and stays missing.
  if (!existed) return missing(env, indexPath(project), project.paths);
  // Status reports staleness, so it opens the index without refreshing it.
  const { db, file } = await env.openCache({ project, refresh: false });
  const s = indexStatus(db, file, project.paths);
  const status = {
    index: file,
    existed,
    size_bytes: s.sizeBytes,
    schema_version: s.schemaVersion,
    sdd_version: s.sddVersion,
    specs: s.specs,
    files: s.files,
    unparsable_files: s.unparsableFiles,
    requirements: s.requirements,
    last_refresh: s.lastRefresh,
    stale: { changed: s.stale.changed, removed: s.stale.removed, files_on_disk: s.stale.filesOnDisk },
  };
  if (env.json) {
    writeJson(env, status);
    return 0;
  }
  const rows: Array<[string, string]> = [
    ['index', file],
    ['size', `${(s.sizeBytes / 1024 / 1024).toFixed(1)} MiB`],
    ['schema', `v${status.schema_version} (sdd ${status.sdd_version})`],
    ['specs', `${status.specs} (${status.requirements} requirements)`],
    ['files', `${status.files} indexed, ${status.unparsable_files} unparsable, ${s.stale.filesOnDisk} on disk`],
    ['refreshed', status.last_refresh ?? 'never'],
    ['stale', s.stale.changed + s.stale.removed === 0 ? 'none' : `${s.stale.changed} new or changed, ${s.stale.removed} deleted (any read command refreshes)`],
  ];
  env.stdout.write(rows.map(([k, v]) => `${k.padEnd(10)} ${v}\n`).join(''));
  return 0;
}

/** No index yet: what is on disk is all stale; building it is left to the next read command. */
function missing(env: Env, file: string, paths: ProjectPaths): number {
  const onDisk = walkSpecFiles(paths.specsDir, relativePath(paths.root, paths.specsDir)).length;
  if (env.json) {
    writeJson(env, {
      index: file, existed: false, size_bytes: 0, schema_version: SCHEMA_VERSION, sdd_version: sddVersion(), specs: 0, files: 0,
      unparsable_files: 0, requirements: 0, last_refresh: null, stale: { changed: onDisk, removed: 0, files_on_disk: onDisk },
    });
    return 0;
  }
  env.stdout.write(`${'index'.padEnd(10)} ${file} (missing: any read command or \`sdd cache rebuild\` builds it)\n`);
  env.stdout.write(`${'stale'.padEnd(10)} ${onDisk} new or changed, 0 deleted\n`);
  return 0;
}
