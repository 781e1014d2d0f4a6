import { distinctKeys } from './finding-keys.js';
import { optionRegExp } from './rule-options.js';
import type { Rule } from './types.js';
import type { Requirement } from '../spec/requirements.js';

const DEFAULT_PATTERN = '^[A-Z][A-Z0-9]*-[0-9]+$';

/** The part of a requirement id before its number: `REQ` in `REQ-001`, `SEC-API` in `SEC-API-7`. */
function prefixOf(id: string): string | null {
  const m = /^(.*?)[-_.]?\d+$/.exec(id);
  return m && m[1] ? m[1] : null;
}

/** The prefix most requirements use (the earliest wins a tie). */
function mainPrefix(requirements: Requirement[]): string | null {
  const counts = new Map<string, number>();
  for (const req of requirements) {
    const prefix = prefixOf(req.id);
    if (prefix !== null) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [prefix, n] of counts) if (best === null || n > counts.get(best)!) best = prefix;
  return best;
}

const rule: Rule = {
  id: 'requirement-id-format',
  name: 'RequirementIdFormat',
  description: 'Requirement ids are well formed and share one prefix within a spec.',
  help: 'Requirement ids are how code tags, tests and reviews point at a requirement (`<spec-id>/REQ-001`); a consistent shape keeps them easy to find, and one prefix per spec keeps a stray copy-paste from another spec visible. Rename the id to match option `pattern` (default `^[A-Z][A-Z0-9]*-[0-9]+$`), and use the prefix the spec\'s other requirements use (the most common one); set `single_prefix: false` to allow several. Requirement ids are found with `requirements.id_pattern` from the config; this rule then checks their shape.',
  helpMarkdown: 'Invalid (the third id has another prefix; with `pattern: "^[A-Z]+-[0-9]{3}$"` the second is too short):\n\n```markdown\n- **REQ-001** The service MUST log in users.\n- **REQ-2** The service MUST log out users.\n- **SEC-003** Passwords MUST be hashed.\n```\n\nValid:\n\n```markdown\n- **REQ-001** The service MUST log in users.\n- **REQ-002** The service MUST log out users.\n- **REQ-003** Passwords MUST be hashed.\n```',
  defaultSeverity: 'warn',
  optionsSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', minLength: 1, description: 'Regular expression every requirement id must match (anchor it with ^ and $).' },
      single_prefix: { type: 'boolean', description: 'All requirements of one spec use the same prefix.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { pattern: DEFAULT_PATTERN, single_prefix: true },
  tags: ['requirements', 'naming'],
  precision: 'high',
  check(ctx) {
    const source = String(ctx.options.pattern ?? DEFAULT_PATTERN);
    const pattern = optionRegExp(ctx, rule.id, ['pattern'], source);
    const singlePrefix = ctx.options.single_prefix !== false;
    for (const spec of ctx.specs) {
      const keyOf = distinctKeys();
      const prefix = singlePrefix ? mainPrefix(spec.requirements) : null;
      for (const req of spec.requirements) {
        if (pattern && !pattern.test(req.id)) {
          ctx.report({
            spec, line: req.line, column: req.column, key: keyOf(`pattern:${req.id}`),
            message: `Requirement id "${req.id}" does not match the pattern ${source}`,
            fix: 'Rename the requirement so that its id matches the pattern, and update references to it.',
          });
        }
        const own = prefixOf(req.id);
        if (prefix !== null && own !== null && own !== prefix) {
          ctx.report({
            spec, line: req.line, column: req.column, key: keyOf(`prefix:${req.id}`),
            message: `Requirement ${req.id} uses the prefix "${own}", but this spec's requirements use "${prefix}"`,
            fix: `Renumber it as ${prefix}-<next number>, or move it to the spec it was copied from.`,
          });
        }
      }
    }
  },
};
export default rule;
