import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, style, writeJson } from '../output.js';
import type { Env } from '../env.js';
import type { SpecVersion } from '../core/history/versions.js';
import { decisionsOf, findSpec } from './history.js';

export interface DiffOptions {
  args: string[];
}

export function register(program: Command): void {
  program
    .command('diff')
    .description('what changed in a spec between two versions: front-matter fields, then the body as a unified diff')
    .argument('<id>', 'spec id')
    .argument('[from]', 'version number, commit sha, `approved`, `HEAD` or `working` (default: the version before <to>)')
    .argument('[to]', 'the same (default: the working tree)')
    .addHelpText('after', examples(
      ['sdd diff token-refresh', 'the last change: previous version → working tree'],
      ['sdd diff token-refresh approved', 'everything since the approved content'],
      ['sdd diff token-refresh 2 4 --json', 'version 2 → version 4, as JSON'],
    ) + `
Versions are numbered as \`sdd history <id>\` shows them. \`approved\` is the newest version
whose content is that of the spec's latest approval record.
`)
    .action(action(run));
}

interface Side {
  version: number;
  commit: string | null;
  file: string;
  content_hash: string | null;
  status: string | null;
}

// @sdd audit-trail/AUD-002
export async function run(env: Env, options: DiffOptions): Promise<number> {
  const [id, fromRef, toRef] = options.args;
  const { project, spec, specs } = await findSpec(env, id);
  const { specVersions, resolveVersion, versionLabel } = await import('../core/history/versions.js');
  const { unifiedDiff } = await import('../core/history/line-diff.js');
  const versions = await specVersions(project, spec.file, env.git);
  const approvals = [fromRef, toRef].some((r) => r?.toLowerCase() === 'approved') ? (await decisionsOf(project, spec, specs)).filter((d) => d.record.decision === 'approved') : [];
  const latestApproval = approvals.sort((a, b) => a.record.timestamp.localeCompare(b.record.timestamp) || a.file.localeCompare(b.file)).pop() ?? null;
  const resolve = (ref: string) => resolveVersion(versions, ref, latestApproval, spec.file);

  const to = toRef === undefined ? versions[versions.length - 1] : resolve(toRef);
  // With no <from>, the version before <to>; before version 1 there is nothing (everything is added).
  const from = fromRef === undefined ? (versions[to.version - 2] ?? null) : resolve(fromRef);
  const metadata = metadataChanges(from, to);
  const label = (v: SpecVersion | null) => (v ? `${v.file}\t${versionLabel(v)}` : '/dev/null');
  const bodyOf = (v: SpecVersion | null) => (v === null ? '' : v.spec ? v.spec.body : v.text);
  const bodyDiff = unifiedDiff(bodyOf(from), bodyOf(to), { from: label(from), to: label(to) });
  const contentChanged = (from?.contentHash ?? null) !== to.contentHash;

  if (env.json) {
    writeJson(env, { spec: spec.id, from: side(from), to: side(to), metadata, body_diff: bodyDiff, content_changed: contentChanged });
    return 0;
  }
  const p = await style(env);
  const out = [`${p.bold(spec.id)}  ${from ? versionLabel(from) : '(nothing)'} → ${versionLabel(to)}${contentChanged ? '' : p.dim('  (content hash unchanged)')}`];
  if (metadata.length) {
    out.push('', p.bold('Metadata'));
    for (const m of metadata) {
      if (m.from === null) out.push(p.green(`  + ${m.field}: ${show(m.to)}`));
      else if (m.to === null) out.push(p.red(`  - ${m.field}: ${show(m.from)}`));
      else out.push(`  ~ ${m.field}: ${show(m.from)} → ${show(m.to)}`);
    }
  }
  if (bodyDiff) {
    out.push('', p.bold('Body'));
    for (const line of bodyDiff.replace(/\n$/, '').split('\n')) {
      out.push(line.startsWith('@@') ? p.cyan(line) : line.startsWith('+') ? p.green(line) : line.startsWith('-') ? p.red(line) : line);
    }
  }
  if (!metadata.length && !bodyDiff) out.push(p.dim('no changes'));
  env.stdout.write(out.join('\n') + '\n');
  return 0;
}

function side(v: SpecVersion | null): Side | null {
  return v && { version: v.version, commit: v.commit, file: v.file, content_hash: v.contentHash, status: v.status };
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Front-matter keys added, removed or changed, in the order they appear (new keys after old ones). */
function metadataChanges(from: SpecVersion | null, to: SpecVersion): Array<{ field: string; from: unknown; to: unknown }> {
  const fields = (v: SpecVersion | null): Record<string, unknown> => {
    if (!v?.spec) return {};
    if (v.spec.format !== 'yaml') return v.spec.data;
    // A YAML spec keeps its body under `body:`; that is compared as text below, not as a field.
    const { body: _body, ...data } = v.spec.data;
    return data;
  };
  const a = fields(from);
  const b = fields(to);
  const out: Array<{ field: string; from: unknown; to: unknown }> = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const before = field in a ? a[field] ?? null : null;
    const after = field in b ? b[field] ?? null : null;
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ field, from: before, to: after });
  }
  return out;
}
