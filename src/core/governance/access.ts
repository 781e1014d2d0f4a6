import { isMissing, unreadable } from '../shared/read-file.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import type { ErrorObject } from 'ajv';
import { schemaValidator } from '../shared/schema.js';
import { YamlLocator } from '../shared/yaml-locate.js';

/** Roles, weakest first; each includes the rights of those before it. */
export const ROLES = ['viewer', 'contributor', 'reviewer', 'domain_admin', 'org_admin'] as const;
export type Role = (typeof ROLES)[number];

export interface DomainAccess {
  admins: string[];
  reviewers: string[];
  contributors: string[];
  viewers: string[];
  quorum: number;
}

/** `.sdd/access.yml`, with teams kept as written (resolved when asked). */
export interface Access {
  orgAdmins: string[];
  teams: Map<string, string[]>;
  domains: Map<string, DomainAccess>;
  /** Quorum for a domain that sets none, and for specs without a domain. */
  defaultQuorum: number;
}

export interface AccessProblem {
  line: number;
  column: number;
  message: string;
  fix: string;
  key: string;
}

export interface LoadedAccess {
  access: Access;
  /** Project-relative path of the file, e.g. `.sdd/access.yml`. */
  file: string;
  exists: boolean;
  problems: AccessProblem[];
}

export const ACCESS_FILE = 'access.yml';
const ROLE_LISTS = ['admins', 'reviewers', 'contributors', 'viewers'] as const;

export function emptyAccess(): Access {
  return { orgAdmins: [], teams: new Map(), domains: new Map(), defaultQuorum: 1 };
}

/**
 * Reads `.sdd/access.yml`. Every problem is reported with its position and the rest of the file
 * still applies; an entry that cannot be understood grants nothing, so a typo never widens access.
 */
export function loadAccess(sddDir: string, root: string): LoadedAccess {
  const abs = path.join(sddDir, ACCESS_FILE);
  const file = path.relative(root, abs).split(path.sep).join('/');
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (err) {
    if (!isMissing(err)) throw unreadable(err, file);
    return { access: emptyAccess(), file, exists: false, problems: [] };
  }
  return { ...parseAccess(text), file, exists: true };
}

type KeyPath = Array<string | number>;

/**
 * Parses access.yml: shapes are checked by schemas/access.schema.json, what a schema cannot say
 * (a team referred to but never defined) here. A value ajv rejected is left out of the result.
 */
export function parseAccess(text: string): { access: Access; problems: AccessProblem[] } {
  const access = emptyAccess();
  const problems: AccessProblem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = counter.linePos(e.pos[0]);
    problems.push({ line: pos.line, column: pos.col, message: `Malformed YAML: ${e.message.split('\n')[0]}`, fix: 'Fix the YAML syntax at this line.', key: 'yaml' });
    return { access, problems };
  }
  let data: unknown;
  try {
    // The yaml package refuses aliases that expand past its budget (a billion-laughs document).
    data = doc.toJS();
  } catch (err) {
    problems.push({ line: 1, column: 1, message: `Malformed YAML: ${(err as Error).message.split('\n')[0]}`, fix: 'Remove the anchors and aliases (&name, *name) that repeat large parts of the file.', key: 'yaml' });
    return { access, problems };
  }
  if (data === null || data === undefined) return { access, problems };
  const locator = new YamlLocator(text);
  const seen = new Set<string>();
  const report = (p: KeyPath, message: string, fix: string) => {
    const key = p.join('.') + ':' + message;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ ...locator.locate(p), message, fix, key });
  };

  const validate = schemaValidator('access');
  // Paths (joined by '/') of values that broke the schema themselves, not through a key inside.
  const rejected = new Set<string>();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const problem = describe(e, data);
      report(problem.path, problem.message, problem.fix);
      if (e.keyword !== 'additionalProperties' && e.keyword !== 'propertyNames' && !(e as { propertyName?: string }).propertyName) rejected.add(e.instancePath);
    }
  }
  if (rejected.has('')) return { access, problems };
  const usable = (p: KeyPath) => !rejected.has(p.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));
  const d = data as Record<string, unknown>;
  const list = (p: KeyPath, value: unknown): string[] =>
    usable(p) && Array.isArray(value) ? value.flatMap((m, i) => (usable([...p, i]) ? [m.startsWith('@') ? (m as string) : (m as string).toLowerCase()] : [])) : [];

  access.defaultQuorum = usable(['quorum']) && typeof d.quorum === 'number' ? d.quorum : 1;
  if (usable(['teams']) && d.teams) {
    for (const [name, members] of Object.entries(d.teams as Record<string, unknown>)) access.teams.set(name, list(['teams', name], members));
  }
  const members = (p: KeyPath, value: unknown): string[] => {
    const out = list(p, value);
    out.forEach((m, i) => {
      if (m.startsWith('@') && !access.teams.has(m)) {
        const index = (value as unknown[]).indexOf(m);
        report([...p, index >= 0 ? index : i], `Team \`${m}\` is not defined under \`teams:\``, `Add \`"${m}": [...]\` under teams, or fix the name.`);
      }
    });
    return out;
  };
  access.orgAdmins = members(['org_admins'], d.org_admins);
  if (usable(['domains']) && d.domains) {
    for (const [name, value] of Object.entries(d.domains as Record<string, unknown>)) {
      const p = ['domains', name];
      if (!usable(p)) continue;
      const v = (value ?? {}) as Record<string, unknown>;
      const entry: DomainAccess = { admins: [], reviewers: [], contributors: [], viewers: [], quorum: access.defaultQuorum };
      for (const role of ROLE_LISTS) entry[role] = members([...p, role], v[role]);
      if (usable([...p, 'quorum']) && typeof v.quorum === 'number') entry.quorum = v.quorum;
      access.domains.set(name, entry);
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { access, problems };
}

/** One schema violation of access.yml in the words of the file's format. */
function describe(e: ErrorObject, data: unknown): { path: KeyPath; message: string; fix: string } {
  const path: KeyPath = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const last = path[path.length - 1];
  const inTeam = path[0] === 'teams';
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    if (path.length === 0) return { path: [extra], message: `Unknown key \`${extra}\``, fix: 'Top-level keys are org_admins, teams, domains and quorum.' };
    return { path: [...path, extra], message: `Unknown key \`${extra}\` in domain \`${last}\``, fix: 'A domain has admins, reviewers, contributors, viewers and quorum.' };
  }
  if (e.keyword === 'propertyNames' || (e as { propertyName?: string }).propertyName) {
    const name = (e as { propertyName?: string }).propertyName ?? (e.params as { propertyName: string }).propertyName;
    return { path: [...path, name], message: `Team name \`${name}\` must start with @`, fix: `Rename it to \`@${name}\` (and refer to it that way).` };
  }
  if (last === 'quorum') {
    return { path, message: `\`quorum\` must be a whole number of at least 1, got ${JSON.stringify(valueAt(data, path))}`, fix: 'Set the number of distinct approvals a spec needs, e.g. `quorum: 2`.' };
  }
  if (path.length === 0) return { path, message: 'access.yml is not a mapping', fix: 'Write keys such as `org_admins:`, `teams:` and `domains:`.' };
  if (path.length === 1 && last === 'teams') return { path, message: '`teams` must map team names to lists of emails', fix: 'Write e.g. `teams: {"@core-reviewers": [bob@example.com]}`.' };
  if (path.length === 1 && last === 'domains') return { path, message: '`domains` must map domain names to their people', fix: 'Write e.g. `domains: {core: {reviewers: [bob@example.com], quorum: 1}}`.' };
  if (path.length === 2 && path[0] === 'domains') return { path, message: `Domain \`${last}\` must be a mapping`, fix: 'Give it admins, reviewers, contributors and a quorum.' };
  if (typeof last === 'number') {
    const item = JSON.stringify(valueAt(data, path));
    return inTeam
      ? { path, message: `${item} is not an email address`, fix: 'Team members are git user.email addresses.' }
      : { path, message: `${item} is not an email address or an @team`, fix: 'Principals are git user.email addresses; teams are written "@name" (quoted in YAML).' };
  }
  return { path, message: `\`${last}\` must be a list`, fix: 'Write a YAML list, e.g. `[bob@example.com, "@core-reviewers"]`.' };
}

function valueAt(data: unknown, path: KeyPath): unknown {
  let cur = data;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

function expand(members: string[], teams: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const m of members) {
    if (m.startsWith('@')) for (const t of teams.get(m) ?? []) out.add(t);
    else out.add(m);
  }
  return out;
}

// @sdd approvals/GOV-004
/** The strongest role `principal` holds for `domain` (null: a spec without a domain). */
export function roleOf(access: Access, principal: string, domain: string | null): Role {
  const who = principal.toLowerCase();
  if (expand(access.orgAdmins, access.teams).has(who)) return 'org_admin';
  const d = domain === null ? undefined : access.domains.get(domain);
  if (!d) return 'viewer';
  if (expand(d.admins, access.teams).has(who)) return 'domain_admin';
  if (expand(d.reviewers, access.teams).has(who)) return 'reviewer';
  if (expand(d.contributors, access.teams).has(who)) return 'contributor';
  return 'viewer';
}

export function hasRole(role: Role, atLeast: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(atLeast);
}

export function quorumOf(access: Access, domain: string | null): number {
  return (domain === null ? undefined : access.domains.get(domain))?.quorum ?? access.defaultQuorum;
}

/** Everyone who may approve specs of `domain`, sorted. */
export function reviewersOf(access: Access, domain: string | null): string[] {
  const out = expand(access.orgAdmins, access.teams);
  const d = domain === null ? undefined : access.domains.get(domain);
  if (d) for (const list of [d.admins, d.reviewers]) for (const m of expand(list, access.teams)) out.add(m);
  return [...out].sort();
}
