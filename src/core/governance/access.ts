import { isMissing, unreadable } from '../shared/read-file.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import { YamlLocator, type Position } from '../shared/yaml-locate.js';

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
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
const DOMAIN_KEYS = new Set(['admins', 'reviewers', 'contributors', 'viewers', 'quorum']);
const TOP_KEYS = new Set(['version', 'org_admins', 'teams', 'domains', 'quorum']);

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
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return { access, problems };
  const locator = new YamlLocator(text);
  const at = (p: Array<string | number>): Position => locator.locate(p);
  const report = (p: Array<string | number>, message: string, fix: string) => {
    const pos = at(p);
    problems.push({ ...pos, message, fix, key: p.join('.') + ':' + message });
  };
  if (typeof data !== 'object' || Array.isArray(data)) {
    report([], 'access.yml is not a mapping', 'Write keys such as `org_admins:`, `teams:` and `domains:`.');
    return { access, problems };
  }
  const d = data as Record<string, unknown>;
  for (const k of Object.keys(d)) {
    if (!TOP_KEYS.has(k)) report([k], `Unknown key \`${k}\``, 'Top-level keys are org_admins, teams, domains and quorum.');
  }

  const quorumOf = (v: unknown, p: Array<string | number>): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
    report(p, `\`quorum\` must be a whole number of at least 1, got ${JSON.stringify(v)}`, 'Set the number of distinct approvals a spec needs, e.g. `quorum: 2`.');
    return undefined;
  };
  access.defaultQuorum = quorumOf(d.quorum, ['quorum']) ?? 1;

  if (d.teams !== undefined && d.teams !== null) {
    if (typeof d.teams !== 'object' || Array.isArray(d.teams)) {
      report(['teams'], '`teams` must map team names to lists of emails', 'Write e.g. `teams: {"@core-reviewers": [bob@example.com]}`.');
    } else {
      for (const [name, members] of Object.entries(d.teams as Record<string, unknown>)) {
        if (!name.startsWith('@')) report(['teams', name], `Team name \`${name}\` must start with @`, `Rename it to \`@${name}\` (and refer to it that way).`);
        const list = emailList(members, ['teams', name], report, false);
        access.teams.set(name, list);
      }
    }
  }
  access.orgAdmins = memberList(d.org_admins, ['org_admins'], report, access.teams);

  if (d.domains !== undefined && d.domains !== null) {
    if (typeof d.domains !== 'object' || Array.isArray(d.domains)) {
      report(['domains'], '`domains` must map domain names to their people', 'Write e.g. `domains: {core: {reviewers: [bob@example.com], quorum: 1}}`.');
    } else {
      for (const [name, value] of Object.entries(d.domains as Record<string, unknown>)) {
        const p = ['domains', name];
        const entry: DomainAccess = { admins: [], reviewers: [], contributors: [], viewers: [], quorum: access.defaultQuorum };
        if (value === null || value === undefined) {
          access.domains.set(name, entry);
          continue;
        }
        if (typeof value !== 'object' || Array.isArray(value)) {
          report(p, `Domain \`${name}\` must be a mapping`, 'Give it admins, reviewers, contributors and a quorum.');
          continue;
        }
        const v = value as Record<string, unknown>;
        for (const k of Object.keys(v)) {
          if (!DOMAIN_KEYS.has(k)) report([...p, k], `Unknown key \`${k}\` in domain \`${name}\``, 'A domain has admins, reviewers, contributors, viewers and quorum.');
        }
        entry.admins = memberList(v.admins, [...p, 'admins'], report, access.teams);
        entry.reviewers = memberList(v.reviewers, [...p, 'reviewers'], report, access.teams);
        entry.contributors = memberList(v.contributors, [...p, 'contributors'], report, access.teams);
        entry.viewers = memberList(v.viewers, [...p, 'viewers'], report, access.teams);
        entry.quorum = quorumOf(v.quorum, [...p, 'quorum']) ?? access.defaultQuorum;
        access.domains.set(name, entry);
      }
    }
  }
  return { access, problems };
}

type Reporter = (p: Array<string | number>, message: string, fix: string) => void;

function emailList(value: unknown, p: Array<string | number>, report: Reporter, teamsAllowed: boolean): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report(p, `\`${p[p.length - 1]}\` must be a list`, 'Write a YAML list, e.g. `[bob@example.com, "@core-reviewers"]`.');
    return [];
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string' && EMAIL.test(item)) out.push(item.toLowerCase());
    else if (teamsAllowed && typeof item === 'string' && item.startsWith('@')) out.push(item);
    else report([...p, i], `${JSON.stringify(item)} is not an email address${teamsAllowed ? ' or an @team' : ''}`, teamsAllowed ? 'Principals are git user.email addresses; teams are written "@name" (quoted in YAML).' : 'Team members are git user.email addresses.');
  });
  return out;
}

function memberList(value: unknown, p: Array<string | number>, report: Reporter, teams: Map<string, string[]>): string[] {
  const list = emailList(value, p, report, true);
  list.forEach((m, i) => {
    if (m.startsWith('@') && !teams.has(m)) {
      const index = (value as unknown[]).indexOf(m);
      report([...p, index >= 0 ? index : i], `Team \`${m}\` is not defined under \`teams:\``, `Add \`"${m}": [...]\` under teams, or fix the name.`);
    }
  });
  return list;
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
