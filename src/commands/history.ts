import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, style, writeJson } from '../output.js';
import type { Env } from '../env.js';
import type { Project } from '../core/project/open.js';
import { uniqueSpec } from '../core/spec/lookup.js';
import type { Spec } from '../core/spec/parse.js';
import type { DecisionEntry, SpecVersion, TimelineEvent } from '../core/history/versions.js';

export interface HistoryOptions {
  args: string[];
}

export function register(program: Command): void {
  program
    .command('history')
    .description("a spec's versions from git history (renames followed) and its decisions, in time order")
    .argument('<id>', 'spec id')
    .addHelpText('after', examples(
      ['sdd history token-refresh', 'versions, status changes, reviews and approvals'],
      ['sdd history token-refresh --json', 'the same as JSON: {spec, versions, events}'],
    ) + `
Version 1 is the oldest commit that changed the file; an uncommitted edit is the last version.
Each decision says whether it is of the content current when it was made. Compare versions
with \`sdd diff <id> <from> <to>\`.
`)
    .action(action(run));
}

// @sdd audit-trail/AUD-001
export async function run(env: Env, options: HistoryOptions): Promise<number> {
  await env.git.requireHistory();
  const [id] = options.args;
  const { project, spec, specs } = await findSpec(env, id);
  const { specVersions, timeline, versionLabel } = await import('../core/history/versions.js');
  const versions = await specVersions(project, spec.file, env.git);
  const events = timeline(versions, await decisionsOf(project, spec, specs));

  if (env.json) {
    writeJson(env, {
      spec: { id: spec.id, title: spec.title, file: spec.file },
      versions: versions.map((v) => ({ version: v.version, commit: v.commit, author: v.author, date: v.date, file: v.file, content_hash: v.contentHash, status: v.status, status_changed_from: v.statusChangedFrom })),
      events,
    });
    return 0;
  }
  const p = await style(env);
  const byNumber = new Map<number, SpecVersion>(versions.map((v) => [v.version, v]));
  const out = [`${p.bold(spec.id)}  ${spec.title}  ${p.dim(spec.file)}`, ''];
  for (const e of events) out.push(`${p.dim(e.time.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1Z'))}  ${describe(e, byNumber, versionLabel, p)}`);
  if (versions.length === 0) out.push(p.dim('no versions'));
  env.stdout.write(out.join('\n') + '\n');
  return 0;
}

type Paint = Awaited<ReturnType<typeof style>>;

function describe(e: TimelineEvent, versions: Map<number, SpecVersion>, label: (v: SpecVersion) => string, p: Paint): string {
  if (e.kind === 'version') {
    const v = versions.get(e.version)!;
    const status = e.status_changed_from ? `${e.status_changed_from} → ${p.bold(e.status ?? '?')}` : (e.status ?? p.red('unparseable'));
    const renamed = e.version > 1 && versions.get(e.version - 1)?.file !== v.file ? `  renamed from ${versions.get(e.version - 1)!.file}` : '';
    return `${p.cyan(label(v))}  ${e.author ?? 'uncommitted'}  ${status}  ${p.dim(`hash ${e.content_hash?.replace(/^sha256:/, '').slice(0, 12) ?? '-'}`)}${renamed}`;
  }
  const verb = { approved: p.green('approved'), rejected: p.red('rejected'), review_requested: p.yellow('review requested'), code_accepted: p.green('code accepted'), status_forced: p.red('status forced') }[e.kind];
  const of = e.matches_version ? `of v${e.version}`
    : e.content_version !== null ? p.yellow(`of v${e.content_version}'s content (v${e.version ?? '-'} was current)`)
      : p.yellow('of content no version has');
  const reason = e.reason ? `: "${e.reason}"` : '';
  const unverified = e.verified === false ? p.red('  (does not verify)') : '';
  return `${verb} by ${e.actor} ${of}${reason}${unverified}`;
}

/** The project, the one spec with this id in it, and every spec (for the governance checks). */
export async function findSpec(env: Env, id: string): Promise<{ project: Project; spec: Spec; specs: Spec[] }> {
  const cache = await env.openCache();
  const specs = cache.specs();
  return { project: cache.project, spec: uniqueSpec(specs, id), specs };
}

/** The spec's readable decision files, with whether each one's signature verifies. */
export async function decisionsOf(project: Project, spec: Spec, specs: Spec[]): Promise<DecisionEntry[]> {
  const { loadGovernance } = await import('../core/governance/index.js');
  const gov = await loadGovernance(project.paths, project.config, specs, { onlySpec: spec.id, history: false });
  return gov.entries.filter((e) => e.record && !e.invalid).map((e) => ({ file: e.file, record: e.record!, verified: e.signature.ok }));
}
