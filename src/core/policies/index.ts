/**
 * Custom policies: user rules in `.sdd/policies.yaml`, checked by `sdd check`.
 *
 * ```yaml
 * # yaml-language-server: $schema=<sdd>/schemas/policies.schema.json
 * policies:
 *   - id: payments-security          # slug, unique; findings get the rule id `policy/payments-security`
 *     description: Approved payment specs need a Security section and no SHOULD requirement
 *     severity: error                # error | warn; default error
 *     message: "Approved payment specs need a ## Security section and no SHOULD requirements"
 *     fix: "Add a ## Security section; turn SHOULD requirements into MUST or MAY."   # optional
 *     scope: "domain:payments AND status:approved"   # optional `sdd query` expression; default: every spec
 *     require:                       # the condition every spec in scope must satisfy
 *       all:
 *         - section: Security
 *         - not: { requirement: { matches: "\\bSHOULD\\b" } }
 * ```
 *
 * Keys of a policy: `id` and `require` are required; `message` defaults to `description`, `fix`
 * to a pointer at the policy. A condition is a mapping with exactly one key:
 *
 * | condition | holds when |
 * |---|---|
 * | `all: [c, …]` | every listed condition holds |
 * | `any: [c, …]` | at least one listed condition holds |
 * | `not: c` | `c` does not hold |
 * | `field: {name, equals: v}` | front-matter key `name` equals `v` (compared as text, so `equals: 2` matches `phase: "2"`) |
 * | `field: {name, in: [v, …]}` | the value is one of the listed values |
 * | `field: {name, matches: re, flags?}` | the value matches the regex |
 * | `field: {name, exists: true\|false}` | the key is set (present, not null, not `""`, not `[]`) — or not |
 * | `section: Heading` | the body has a `##`…`######` heading with that text (case-insensitive, outside fenced code) |
 * | `body: {matches: re, flags?}` | the markdown body matches the regex |
 * | `requirement: {matches: re, flags?}` | at least one requirement's text matches |
 * | `requirements: {all_match: re, flags?}` | every requirement's text matches (true when there are none) |
 * | `title: {matches: re, flags?}` | the front-matter title matches |
 *
 * `field` works on any front-matter key, extra keys included, spelt as in the file
 * (`depends_on`); for a list (`tags`, `reviewers` …) a test passes when any item passes. A
 * requirement's text is its words without the id token. Regexes are JavaScript regular
 * expressions; `flags` may hold `i`, `m`, `s` and `u` (in a double-quoted YAML string a backslash
 * is written `\\`). Each regex test runs in a worker thread with a time budget (1 s by default):
 * a regex that backtracks catastrophically is reported and its policy skipped, never a hang.
 *
 * A spec that fails a policy gets one finding at the most telling line: the offending
 * requirement for `not: {requirement: …}` and `requirements: {all_match: …}`, the heading found
 * by `not: {section: …}`, the front-matter key of a `field` or `title` test; otherwise (a missing
 * section, a body that does not match) the spec's `# Title` line, or line 1.
 *
 * Problems in policies.yaml — YAML syntax, unknown keys or conditions, wrong types, regexes that
 * do not compile, scopes that do not parse, duplicate ids — are `policy-config` errors at the
 * offending line; only the policies concerned are dropped.
 */
export { loadPolicies, policiesSchemaPath, POLICY_CONFIG_RULE } from './load.js';
export { evaluatePolicies, DEFAULT_REGEX_TIMEOUT_MS, type EvaluateOptions } from './evaluate.js';
export type { Condition, FieldTest, Pattern, Policy } from './types.js';
