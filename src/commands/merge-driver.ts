import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { SddError } from '../core/shared/errors.js';
import { replaceFileAtomic } from '../core/shared/fs-atomic.js';

export interface MergeDriverOptions {
  args: string[];
}

export function register(program: Command): void {
  program
    .command('merge-driver')
    .description('three-way merge of one spec file for git: front matter key by key (lists as sets), body by lines')
    .argument('<base>', "the common ancestor's version (git's %O)")
    .argument('<ours>', "our version (git's %A); the merged result is written here")
    .argument('<theirs>', "their version (git's %B)")
    .argument('[path]', "the file's path in the repository (git's %P): .md is markdown, .yaml/.yml a YAML spec")
    .addHelpText('after', examples(
      ['sdd merge-driver %O %A %B %P', 'the driver line in git config (sdd hooks install writes it)'],
      ['sdd merge-driver base.md ours.md theirs.md .sdd/specs/auth/login.md', 'merge by hand; the result replaces ours.md'],
    ) + `
Git runs this for files marked \`merge=sdd\` in .gitattributes. Registered by \`sdd hooks install\`,
or by hand:
  git config merge.sdd.name "sdd spec merge"
  git config merge.sdd.driver "sdd merge-driver %O %A %B %P"
  echo '.sdd/specs/** merge=sdd' >> .gitattributes

Front matter keys merge one by one: a change on one side wins, lists (tags, depends_on, …) merge
as sets, and a key both sides changed differently is left between conflict markers. The body
merges by lines like git does. Exit 0 when clean, 1 when conflicts remain (git then marks the
file conflicted), 2 when the arguments are wrong. A side that is not a readable spec is merged
by lines only, with a note on stderr.
`)
    .action(action(run));
}

// @sdd merge-driver/MRG-001, merge-driver/MRG-009
export async function run(env: Env, options: MergeDriverOptions): Promise<number> {
  const [basePath, oursPath, theirsPath, file] = options.args;
  const name = file || oursPath;
  const read = (p: string, role: string) => readVersion(path.resolve(env.cwd, p), p, role, name);
  const versions = { base: read(basePath, 'base'), ours: read(oursPath, 'ours'), theirs: read(theirsPath, 'theirs') };
  const { mergeSpecFile } = await import('../core/merge/merge-spec.js');
  const merge = await mergeSpecFile({ ...versions, path: file, git: env.git });
  if (!merge.output.equals(versions.ours)) replaceFileAtomic(path.resolve(env.cwd, oursPath), merge.output);
  if (env.json) {
    writeJson(env, { ok: merge.conflicts === 0, file: name, conflicts: merge.conflicts, field_conflicts: merge.fieldConflicts, body_conflicts: merge.bodyConflicts, strategy: merge.strategy, reason: merge.reason ?? null });
    return merge.conflicts ? 1 : 0;
  }
  if (merge.reason) note(env, `sdd merge-driver: ${name}: merged by lines only (${merge.reason})`);
  if (merge.conflicts) {
    const parts = [
      merge.fieldConflicts.length ? `front matter ${merge.fieldConflicts.length === 1 ? 'key' : 'keys'} ${merge.fieldConflicts.join(', ')}` : '',
      merge.bodyConflicts ? `${merge.bodyConflicts} conflicting ${merge.strategy === 'lines' ? '' : 'body '}${merge.bodyConflicts === 1 ? 'hunk' : 'hunks'}` : '',
    ].filter(Boolean);
    note(env, `sdd merge-driver: ${name}: conflict in ${parts.join(' and ')}; edit the file to resolve the markers, then \`git add\` it`);
  }
  return merge.conflicts ? 1 : 0;
}

function readVersion(abs: string, given: string, role: string, name: string): Buffer {
  try {
    return fs.readFileSync(abs);
  } catch (err) {
    throw new SddError('usage', `Cannot read the ${role} version of ${name} at ${given} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
      target: { file: given },
      fix: 'sdd merge-driver is run by git as `sdd merge-driver %O %A %B %P` (three readable files, then the path); check `git config merge.sdd.driver`.',
    });
  }
}
