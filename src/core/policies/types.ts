import type { Severity } from '../check/findings.js';
import type { QueryNode } from '../query/parser.js';

/**
 * A regular expression from policies.yaml. It is only ever run in a worker thread (see
 * regex-runner.ts), so the main thread keeps its source, not a RegExp. `line`/`column` locate
 * the `matches` (or `all_match`) key in the policies file.
 */
export interface Pattern {
  source: string;
  flags: string;
  line: number;
  column: number;
}

/** A test on one front-matter key; values are compared as text, list items one by one. */
export type FieldTest =
  | { op: 'equals'; value: string }
  | { op: 'in'; values: string[] }
  | { op: 'matches'; pattern: Pattern }
  | { op: 'exists'; value: boolean };

/** The condition tree of a policy's `require`, one variant per key of the file format. */
export type Condition =
  | { type: 'all'; conditions: Condition[] }
  | { type: 'any'; conditions: Condition[] }
  | { type: 'not'; condition: Condition }
  | { type: 'field'; name: string; test: FieldTest }
  | { type: 'section'; heading: string }
  | { type: 'body'; pattern: Pattern }
  | { type: 'requirement'; pattern: Pattern }
  | { type: 'requirements'; pattern: Pattern }
  | { type: 'title'; pattern: Pattern };

/** A validated policy from .sdd/policies.yaml. */
export interface Policy {
  id: string;
  /** `policy/<id>`: the rule id of the policy's findings. */
  ruleId: string;
  description?: string;
  severity: Severity;
  /** The finding message: `message`, else `description`, else a generic sentence. */
  message: string;
  fix?: string;
  /** The `scope` query as written; absent when the policy applies to every spec. */
  scope?: string;
  /** The parsed scope, for the caller to run against the index. */
  scopeQuery?: QueryNode;
  require: Condition;
  /** Where the policy is written: the display path of policies.yaml and the line of its item. */
  file: string;
  line: number;
}
