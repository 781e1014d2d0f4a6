import type { RuleContext } from '../rules/types.js';
import type { Spec } from '../spec/parse.js';
import type { RequirementDrift, SpecDrift, TagProblem } from './analyse.js';

/**
 * Reports orphaned or outdated tags at their line in the code file. The fingerprint key is the
 * tag's text plus how many identical tags come before it in the file, never its line, so a
 * finding keeps its identity when code above it moves.
 */
export function reportTags(ctx: RuleContext, kind: TagProblem['kind'], fix: (t: TagProblem) => string): void {
  const seen = new Map<string, number>();
  for (const t of ctx.drift!.tags) {
    if (t.kind !== kind) continue;
    const r = t.ref;
    const text = `${r.spec ?? ''}/${r.requirement ?? ''}@${r.pin ?? ''}:${r.role}`;
    const n = (seen.get(`${r.file}\0${text}`) ?? 0) + 1;
    seen.set(`${r.file}\0${text}`, n);
    const spec = t.spec ? ctx.byId.get(t.spec)?.[0] : undefined;
    ctx.report({ spec, file: r.file, line: r.line, column: r.column, key: `${text}#${n}`, message: t.message, fix: fix(t) });
  }
}

/** The tag that marks code as implementing (or testing) a requirement. */
export const tagFor = (spec: string, req: string, test = false) => `@sdd ${spec}/${req}${test ? ' role=test' : ''}`;

/** A short commit id for messages. */
export const shortCommit = (c: string | null) => (c ? c.slice(0, 7) : 'no commit');

/** Each spec of the drift report with its parsed spec (the first, when an id is duplicated). */
export function* driftSpecs(ctx: RuleContext): Generator<[SpecDrift, Spec]> {
  for (const s of ctx.drift!.specs) {
    const spec = ctx.byId.get(s.id)?.[0];
    if (spec) yield [s, spec];
  }
}

/** Each requirement with `status`, with its spec, for the rules that report at requirement lines. */
export function* requirementsWith(ctx: RuleContext, status: RequirementDrift['status']): Generator<[RequirementDrift, SpecDrift, Spec]> {
  for (const [s, spec] of driftSpecs(ctx)) for (const r of s.requirements) if (r.status === status) yield [r, s, spec];
}
