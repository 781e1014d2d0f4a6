import { headings } from '../spec/markdown.js';
import { globMatcher } from '../shared/glob.js';
import type { Rule } from './types.js';
import type { Spec } from '../spec/parse.js';

/** How a section name is compared: case, spacing, numbering ("2. Context") and a colon ignored. */
function sectionKey(name: string): string {
  return name.replace(/^(?:\d+\.)*\d+[.)]?\s+/, '').replace(/:\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Section names a spec has: its `##`…`######` headings, and for YAML specs its non-empty keys. */
function presentSections(spec: Spec): Set<string> {
  const present = new Set(headings(spec).filter((h) => h.level >= 2).map((h) => sectionKey(h.text)));
  if (spec.format === 'yaml') {
    for (const [key, value] of Object.entries(spec.data)) {
      const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
      if (!empty) present.add(sectionKey(key.replace(/_/g, ' ')));
    }
  }
  return present;
}

const rule: Rule = {
  id: 'required-sections',
  name: 'RequiredSections',
  description: 'A spec has the sections its kind requires (by default those of sdd\'s own templates).',
  help: 'Each kind of document answers fixed questions: a spec states its requirements, an ADR its context, decision and consequences. A missing section usually means the question was skipped. The finding is reported at the `kind` key (at `id` when the spec leaves kind at its default, spec) and names the section. Add a heading of any level from `##` down with that name; case, a trailing colon and leading numbering ("## 2. Context") do not matter, and headings inside fenced code do not count. In a YAML spec a non-empty top-level key of the same name (e.g. `requirements:`) also counts. Option `sections` maps a kind to its required section names; it replaces the default map as a whole (`{ spec: [] }` stops requiring sections of specs). The defaults are the sections of sdd\'s own templates (`sdd new`): documents written before adopting sdd rarely have them, so option `ignore` lists globs of files (project-relative, e.g. `docs/**` or `.sdd/specs/legacy/**`) the rule skips.',
  helpMarkdown: 'With the default options an `adr` needs Context, Decision and Consequences.\n\nInvalid:\n\n```markdown\n---\nid: use-sqlite\ntitle: Use SQLite for the index\nkind: adr\nstatus: draft\n---\n## Context\n\nWe need a local index.\n\n## Decision\n\nUse SQLite with FTS5.\n```\n\nValid: add the missing section.\n\n```markdown\n## Consequences\n\nOne native dependency; queries stay fast.\n```\n\nConfigure per kind:\n\n```yaml\nrules:\n  required-sections:\n    options:\n      sections: { spec: [Context, Requirements], adr: [Context, Decision, Consequences] }\n```',
  defaultSeverity: 'warn',
  optionsSchema: {
    type: 'object',
    properties: {
      sections: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
      ignore: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of spec files (project-relative) the rule skips, e.g. documents that predate sdd.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { sections: { spec: ['Requirements'], adr: ['Context', 'Decision', 'Consequences'], plan: [], tasks: [] }, ignore: [] },
  tags: ['content', 'structure'],
  precision: 'high',
  check(ctx) {
    const sections = (ctx.options.sections ?? {}) as Record<string, string[] | undefined>;
    const ignore = (ctx.options.ignore ?? []) as string[];
    const ignored = ignore.length > 0 ? globMatcher(ignore) : () => false;
    for (const spec of ctx.specs) {
      if (ignored(spec.file)) continue;
      const required = Object.hasOwn(sections, spec.kind) ? sections[spec.kind] ?? [] : [];
      if (required.length === 0) continue;
      const present = presentSections(spec);
      const missing = required.filter((name) => !present.has(sectionKey(name)));
      if (missing.length === 0) continue;
      const pos = ctx.locate(spec, [spec.data.kind === undefined ? 'id' : 'kind']);
      for (const name of missing) {
        ctx.report({
          spec, line: pos.line, column: pos.column, key: sectionKey(name),
          message: `A spec of kind "${spec.kind}" needs a "## ${name}" section, which is missing (a section of sdd's ${spec.kind} template)`,
          fix: `Add a \`## ${name}\` heading with its content to the body. For documents that do not follow sdd's template, scope the rule in .sdd/config.yaml: \`rules: { required-sections: { options: { ignore: ["<folder>/**"] } } }\`, or \`sections: { ${spec.kind}: [] }\` for the whole kind.`,
        });
      }
    }
  },
};
export default rule;
