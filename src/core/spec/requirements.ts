// Loaded for its side effect: user id patterns run with V8's linear fallback.
import '../shared/user-regex.js';
import { codeLines, HEADING_MARKER_RE as HEADING_RE, LIST_ITEM_RE as LIST_RE } from './markdown.js';
/** A numbered requirement found in a spec body. */
export interface Requirement {
  /** The ID token, e.g. `REQ-001`. */
  id: string;
  /** The requirement's words, without the ID token and markdown emphasis around it. */
  text: string;
  /** 1-based line in the spec file. */
  line: number;
  /** 1-based column of the ID token. */
  column: number;
  /** The first RFC 2119 keyword in the text (`MUST`, `SHOULD NOT` …), or null. */
  keyword: string | null;
}

export const DEFAULT_REQUIREMENT_ID_PATTERN = '[A-Z][A-Z0-9]*-[0-9]+';

// Longest phrases first so that "MUST NOT" wins over "MUST".
const KEYWORD_RE = /\b(MUST NOT|SHALL NOT|SHOULD NOT|NOT RECOMMENDED|MUST|SHALL|SHOULD|REQUIRED|RECOMMENDED|MAY|OPTIONAL)\b/;

// @sdd spec-model/MODEL-005
/** The first RFC 2119 / RFC 8174 keyword in `text` (upper case only, as RFC 8174 asks). */
export function findKeyword(text: string): string | null {
  const m = KEYWORD_RE.exec(text);
  return m ? m[1] : null;
}


const cache = new Map<string, RegExp>();

/**
 * Matches an ID token at the start of a list item's or heading's text: optionally wrapped in
 * `**`, `__`, backticks or brackets, and followed by a separator (`:`, `.`, `)`, a dash) or space.
 */
function tokenRegExp(idPattern: string): RegExp {
  let re = cache.get(idPattern);
  if (!re) {
    // No lookarounds: the separator's space is matched, not looked at, so that the whole regex
    // can fall back to V8's linear engine when a user's pattern backtracks (see user-regex.ts).
    re = new RegExp(`^(\\*\\*|__|\`|\\[)?(${idPattern})(\\*\\*|__|\`|\\])?(?:\\s*[:.)\\u2014\\u2013-](?:\\s|$)|\\s|$)\\s*`);
    cache.set(idPattern, re);
  }
  return re;
}

// @sdd spec-model/MODEL-005
/**
 * Extracts requirements from a markdown body. `firstLine` is the file line of the body's first
 * line, so that reported lines point into the file. Code (fenced or indented) is skipped. A list item's
 * text includes its indented continuation lines; a heading's text includes the paragraph under it.
 */
export function extractRequirements(body: string, firstLine = 1, idPattern = DEFAULT_REQUIREMENT_ID_PATTERN): Requirement[] {
  const token = tokenRegExp(idPattern);
  const lines = body.split(/\r?\n/);
  const code = codeLines(lines);
  const found: Requirement[] = [];

  for (let i = 0; i < lines.length; i++) {
    if (code[i]) continue;
    const line = lines[i];

    const list = LIST_RE.exec(line);
    const heading = list ? null : HEADING_RE.exec(line);
    const marker = list ?? heading;
    if (!marker) continue;
    const rest = line.slice(marker[0].length);
    const m = token.exec(rest);
    if (!m) continue;

    const parts = [rest.slice(m[0].length).trim()];
    if (list) {
      const indent = list[1].length;
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j];
        if (code[j] || next.trim() === '' || LIST_RE.test(next) || HEADING_RE.test(next)) break;
        if (next.length - next.trimStart().length <= indent) break;
        parts.push(next.trim());
      }
    } else {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      for (; j < lines.length; j++) {
        const next = lines[j];
        if (code[j] || next.trim() === '' || HEADING_RE.test(next)) break;
        parts.push(next.trim());
      }
    }
    const text = parts.filter(Boolean).join(' ');
    found.push({
      id: m[2],
      text,
      line: firstLine + i,
      column: marker[0].length + (m[1]?.length ?? 0) + 1,
      keyword: findKeyword(text),
    });
  }
  return found;
}

/**
 * A heading-style requirement (`## REQ-001 Title` and the paragraph under it) as its two parts,
 * for displays that show the heading on its own line; null for a list-item requirement. `body`
 * and `bodyLine` are the spec's, `requirement` one of its extracted requirements.
 */
export function headingParts(body: string, bodyLine: number, requirement: Requirement): { heading: string; paragraph: string } | null {
  const line = body.split(/\r?\n/)[requirement.line - bodyLine];
  if (line === undefined || !HEADING_RE.test(line)) return null;
  const words = line.replace(HEADING_RE, '').replace(/[ \t]+#+[ \t]*$/, '').trim();
  const at = words.indexOf(requirement.id);
  const heading = (at === -1 ? words : words.slice(at + requirement.id.length)).replace(/^[\s*_:.)\]-]+/, '').trim();
  if (!requirement.text.startsWith(heading)) return null;
  return { heading, paragraph: requirement.text.slice(heading.length).trim() };
}
