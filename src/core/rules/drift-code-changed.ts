import type { Rule } from './types.js';
import { driftSpecs, shortCommit } from '../drift/rules-support.js';

const list = (files: string[]) => files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');

// @sdd traceability/DRF-007
const rule: Rule = {
  id: 'drift-code-changed',
  name: 'DriftCodeChanged',
  description: 'The code an approved spec governs (its `code:` globs and the files tagged for it) is unchanged since its latest approval or `sdd drift accept`.',
  help: 'An approval records the git commit it was made at. When files that implement the spec (tagged `@sdd <id>/…`) or that it governs (`code:` globs in its front matter) change after that commit, nobody has yet confirmed that the code still does what the spec says. Review the change; if the code still matches, record that with `sdd drift accept <id>` (a signed acceptance, like an approval); otherwise fix the code or the spec. Shallow clones (CI checkouts with fetch-depth 1) lack the approval\'s commit: fetch full history. The finding is at the line of each requirement whose code changed, or at `code:` for files governed only by the spec\'s globs.',
  helpMarkdown: 'Invalid: `src/auth/login.ts` (tagged `@sdd login/REQ-001`) changed after `login` was approved at commit `4e1f2a9`:\n\n```console\n$ git diff --stat 4e1f2a9 -- src/auth/login.ts\n src/auth/login.ts | 12 +++++++-----\n```\n\nValid: a reviewer checked the change against the spec and accepted it:\n\n```console\n$ sdd drift accept login --reason "refactor only; behaviour unchanged"\n```',
  defaultSeverity: 'warn',
  tags: ['drift', 'git'],
  precision: 'high',
  usesGovernance: true,
  usesDrift: true,
  check(ctx) {
    for (const [s, spec] of driftSpecs(ctx)) {
      const d = s.codeDrift;
      if (!d || d.changed.length === 0) continue;
      const since = d.reason ? `cannot be compared with its ${d.anchor.kind}, because ${d.reason}` : `changed since the ${d.anchor.kind} at ${shortCommit(d.anchor.commit)}`;
      const fix = d.reason
        ? `Fetch the full git history, or, once the code is reviewed, run \`sdd drift accept ${s.id}\` at the current commit.`
        : `Review the change (\`git diff ${shortCommit(d.anchor.commit)} -- <files>\`); if the code still matches the spec, run \`sdd drift accept ${s.id}\`.`;
      const attributed = new Set<string>();
      for (const r of s.requirements) {
        if (r.changed.length === 0) continue;
        r.changed.forEach((f) => attributed.add(f));
        ctx.report({ spec, line: r.line, column: r.column, key: `req:${r.id}`, message: `Code implementing ${r.id} ${since}: ${list(r.changed)}`, fix });
      }
      const rest = d.changed.filter((f) => !attributed.has(f));
      if (rest.length === 0) continue;
      const pos = ctx.locate(spec, 'code' in spec.data ? ['code'] : ['status']);
      ctx.report({ spec, line: pos.line, column: pos.column, key: 'spec', message: `Code governed by ${s.id} ${since}: ${list(rest)}`, fix });
    }
  },
};
export default rule;
