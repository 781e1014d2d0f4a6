import fs from 'node:fs';
import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, writeJson } from '../output.js';
import { openProject } from '../core/project/open.js';
import { indexPath } from '../cache/session.js';
import { META, metaValue, openIndex } from '../cache/db.js';
import { scanForChanges } from '../cache/refresh.js';
import { SCHEMA_VERSION } from '../cache/schema.js';
import { sddVersion } from '../core/project/package-info.js';
import type { Env } from '../env.js';

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
  const file = indexPath(project);
  const existed = fs.existsSync(file);
  // Status reports staleness, so it opens the index without refreshing it.
  const { db } = await openIndex(file, sddVersion());
  const scan = scanForChanges(db, project.paths);
  const size = [file, `${file}-wal`].reduce((n, f) => n + (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const status = {
    index: file,
    existed,
    size_bytes: size,
    schema_version: SCHEMA_VERSION,
    sdd_version: metaValue(db, META.sddVersion) ?? null,
    specs: count('SELECT count(*) FROM specs'),
    files: count('SELECT count(*) FROM files'),
    unparsable_files: count('SELECT count(*) FROM files WHERE problem IS NOT NULL'),
    requirements: count('SELECT count(*) FROM requirements'),
    last_refresh: metaValue(db, META.lastRefresh) ?? null,
    stale: { changed: scan.changed.length, removed: scan.gone.length, files_on_disk: scan.scanned },
  };
  if (env.json) {
    writeJson(env, status);
    return 0;
  }
  const rows: Array<[string, string]> = [
    ['index', `${file}${existed ? '' : ' (just created)'}`],
    ['size', `${(size / 1024 / 1024).toFixed(1)} MiB`],
    ['schema', `v${status.schema_version} (sdd ${status.sdd_version})`],
    ['specs', `${status.specs} (${status.requirements} requirements)`],
    ['files', `${status.files} indexed, ${status.unparsable_files} unparsable, ${scan.scanned} on disk`],
    ['refreshed', status.last_refresh ?? 'never'],
    ['stale', scan.changed.length + scan.gone.length === 0 ? 'none' : `${scan.changed.length} new or changed, ${scan.gone.length} deleted (any read command refreshes)`],
  ];
  env.stdout.write(rows.map(([k, v]) => `${k.padEnd(10)} ${v}\n`).join(''));
  return 0;
}
