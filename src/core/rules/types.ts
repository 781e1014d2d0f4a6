import type { Severity } from '../check/findings.js';
import type { Spec, ParseProblem } from '../spec/parse.js';
import type { Config } from '../project/config.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Position } from '../spec/locations.js';
import type { Governance } from '../governance/index.js';
import type { DriftReport } from '../drift/analyse.js';

export type RuleSeverity = Severity | 'off';

/** What a rule is, independent of any run: drives `sdd rules`, SARIF `rules[]` and docs. */
export interface RuleMeta {
  /** Stable id; equals the rule's file name in src/core/rules/. */
  id: string;
  /** PascalCase name (SARIF `name`). */
  name: string;
  /** One sentence: what the rule checks. */
  description: string;
  /** Plain-text help: why it matters and how to fix a finding. */
  help: string;
  /** The same help in Markdown, with a failing and a passing example. */
  helpMarkdown: string;
  defaultSeverity: RuleSeverity;
  /** JSON Schema of the rule's options (an object); absent when the rule has none. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  tags: string[];
  /** SARIF precision: how often a finding is a true problem. */
  precision: 'very-high' | 'high' | 'medium' | 'low';
}

/** What a rule reports; the engine adds the rule id, severity and fingerprint. */
export interface Report {
  /** The spec concerned; sets the file and spec id unless `file` is given. */
  spec?: Spec;
  file?: string;
  line: number;
  column?: number;
  message: string;
  fix?: string;
  /** Distinguishes this finding from the rule's others in the same file (fingerprint input). */
  key: string;
}

/** Everything a rule may look at. Rules never read files or print. */
export interface RuleContext {
  paths: ProjectPaths;
  config: Config;
  specs: Spec[];
  problems: ParseProblem[];
  /** Specs by id; more than one when an id is duplicated. */
  byId: Map<string, Spec[]>;
  /** The rule's options: defaults merged with config, already validated. */
  options: Record<string, unknown>;
  /** Position of a front-matter key (or list item) in a spec file. */
  locate(spec: Spec, keyPath: Array<string | number>): Position;
  /** The constitution's front-matter `version`, when .sdd/constitution.md has one. */
  constitutionVersion: string | null;
  /** Decision records, access rights and approval states; loaded only when a rule sets `usesGovernance`. */
  governance: Governance | null;
  /** Traceability between specs and code; loaded only when a rule sets `usesDrift`. */
  drift: DriftReport | null;
  report(r: Report): void;
}

export interface Rule extends RuleMeta {
  /** The rule reads `ctx.governance` (approvals, access.yml, git history of decisions). */
  usesGovernance?: boolean;
  /** The rule reads `ctx.drift` (code references, code changes since approval); implies governance. */
  usesDrift?: boolean;
  check(ctx: RuleContext): void;
}
