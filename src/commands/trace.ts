import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, style, writeJson } from '../output.js';
import type { Env } from '../env.js';
import { specNotFound } from '../core/spec/lookup.js';
import type { Place } from '../core/drift/analyse.js';
import { plural } from '../core/shared/plural.js';

// Spelt apart so that sdd, scanning its own source, does not read the examples as tags.
const TAG = '@' + 'sdd';

export interface TraceOptions {
  args: string[];
}

export function register(program: Command): void {
  program
    .command('trace')
    .description('where a spec lives in the code: for each requirement, the code that implements and tests it')
    .argument('<id>', 'spec id')
    .addHelpText('after', examples(
      ['sdd trace login', 'requirements with their implementing and testing locations'],
      ['sdd trace login --json', 'machine-readable'],
    ) + `
Locations come from ${TAG} tags in comments (\`// ${TAG} login/REQ-001\`, \`# ${TAG} login/REQ-002 role=test\`)
and from test names that contain a requirement id (\`it('REQ-003 …')\`) in test files. The pin
shown is the prefix of the spec's content hash to write as \`@sdd login/REQ-001@<pin>\`.
`)
    .action(action(run));
}

export async function run(env: Env, options: TraceOptions): Promise<number> {
  const [id] = options.args;
  const { loadDriftState } = await import('../app/drift.js');
  const { specs, drift } = await loadDriftState(await env.openCache());
  const spec = specs.find((s) => s.id === id);
  const s = drift.specs.find((x) => x.id === id);
  if (!spec) throw specNotFound(id, specs.map((x) => x.id));
  const { shortHash } = await import('../core/drift/analyse.js');
  const pin = shortHash(spec);
  const reqs = s?.requirements ?? [];
  if (env.json) {
    const { tagJson } = await import('../core/report/drift.js');
    writeJson(env, {
      spec: id, file: spec.file, status: spec.status, content_hash: spec.contentHash, pin,
      requirements: reqs.map((r) => ({ id: r.id, line: r.line, keyword: spec.requirements.find((q) => q.id === r.id)?.keyword ?? null, status: r.status, impl: r.impl, test: r.test })),
      spec_refs: s?.specRefs ?? [], governed_files: s?.governed ?? [], tags: (s?.tags ?? []).map(tagJson),
    });
    return 0;
  }
  const p = await style(env);
  const at = (x: Place) => `${x.file}:${x.line}`;
  const out = [`${p.bold(id)}  ${spec.status}  pin @${pin}  ${spec.file}`];
  if (spec.status === 'deprecated') out.push('  deprecated: tags naming it are orphaned');
  for (const r of reqs) {
    const keyword = spec.requirements.find((q) => q.id === r.id)?.keyword;
    out.push(`  ${p.bold(r.id)}${keyword ? `  ${keyword}` : ''}  ${r.status === 'covered' ? p.green(r.status) : r.status === 'pending' ? r.status : p.yellow(r.status)}`);
    for (const x of r.impl) out.push(`    impl  ${at(x)}`);
    for (const x of r.test) out.push(`    test  ${at(x)}`);
  }
  if (s?.specRefs.length) out.push(`  whole spec: ${s.specRefs.map(at).join(', ')}`);
  if (s?.governed.length) out.push(`  governed by code: ${plural(s.governed.length, 'file')} (${s.governed.slice(0, 3).join(', ')}${s.governed.length > 3 ? ', …' : ''})`);
  for (const t of s?.tags ?? []) out.push(`  ${p.yellow(t.kind)}  ${t.ref.file}:${t.ref.line}  ${t.message}`);
  env.stdout.write(out.join('\n') + '\n');
  return 0;
}
