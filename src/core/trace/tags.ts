/**
 * Code references: how source files point at specs. A tag is the word `@sdd` in a comment of
 * any language (`//`, `#`, `--`, `/*`, `<!--` …), then a reference (`<spec-id>`,
 * `<spec-id>/<REQ-ID>`, either optionally pinned to a content-hash prefix with `@<hex>`), more
 * references after commas, and optionally `role=test` or `role=impl`. README.md ("Drift") has
 * examples; this comment has none, or sdd would read them as tags of its own source.
 *
 * In test files, a test whose name contains a requirement id (`it('REQ-001 rejects …')`,
 * `t.Run("billing/REQ-002 …")`) is a test reference too.
 */

// Loaded for its side effect: user id patterns run with V8's linear fallback.
import '../shared/user-regex.js';

export type RefRole = 'impl' | 'test';

/** Bumped whenever what the scanner recognises changes, so stored references are rescanned. */
export const SCANNER_VERSION = 2;

export interface CodeRef {
  /** Project-relative POSIX path. */
  file: string;
  line: number;
  column: number;
  /** The spec named; null for a test name that gives only a requirement id. */
  spec: string | null;
  requirement: string | null;
  /** Lower-case hex prefix of the spec's content hash the code was written against. */
  pin: string | null;
  role: RefRole;
  source: 'tag' | 'test-name';
}

export interface ScanOptions {
  /** The file is a test file (config `code.tests`): tags default to role=test, test names are read. */
  testFile: boolean;
  /** `requirements.id_pattern` of the config. */
  idPattern: string;
}

// `@sdd` at the start of a line or after a space or comment opener, followed by white space:
// `` `@sdd` `` in prose or a string like "x@sdd" is not a tag.
const TAG = /(?<=^|[\s/*#;%!({-])@sdd(?=[ \t])/g;
// Something before the tag that opens a comment in some language.
const COMMENT_OPENER = /\/\/|\/\*|#|--|<!--|\(\*|\{-|"""|'''|^\s*[*;%']|^\s*rem\b/i;
const REF = /^([A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?)(?:\/([A-Za-z0-9_.-]*[A-Za-z0-9]))?(?:@([0-9a-fA-F]{4,64}))?$/;
const ROLE = /^role=(impl|test)$/;
const TEST_CALL = /(?:\b(?:it|test|describe|context|specify|suite|scenario)(?:\.only|\.skip)?|\bt\.Run|\bs\.Run)\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g;

const testNamePatterns = new Map<string, RegExp>();

// @sdd traceability/DRF-001
/** Every reference in one file's text. */
export function scanReferences(file: string, text: string, opts: ScanOptions): CodeRef[] {
  const refs: CodeRef[] = [];
  const hasTag = text.includes('@sdd');
  if (!hasTag && !opts.testFile) return refs;
  const lines = text.split('\n');
  const defaultRole: RefRole = opts.testFile ? 'test' : 'impl';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (hasTag && line.includes('@sdd')) scanTags(file, line, i + 1, defaultRole, refs);
    if (opts.testFile && (line.includes('(') || line.includes('Run'))) scanTestNames(file, line, i + 1, opts.idPattern, refs);
  }
  return dedupe(refs);
}

// @sdd traceability/DRF-002
function scanTags(file: string, line: string, lineNo: number, defaultRole: RefRole, out: CodeRef[]): void {
  TAG.lastIndex = 0;
  for (let m = TAG.exec(line); m; m = TAG.exec(line)) {
    if (!COMMENT_OPENER.test(line.slice(0, m.index))) continue;
    const found: Array<{ spec: string; requirement: string | null; pin: string | null }> = [];
    let role: RefRole | null = null;
    // One reference, more only after a comma, and a role: the first word that is none of these
    // (prose, `*/`, `-->`) ends the tag, so "@sdd" in a sentence names at most one spec.
    let expectRef = true;
    for (const word of line.slice(m.index + 4).trim().split(/\s+/)) {
      const r = ROLE.exec(word.replace(/[.;:)\]]+$/, ''));
      if (r) {
        role = r[1] as RefRole;
        continue;
      }
      if (!expectRef) break;
      const parts = word.replace(/[.;:)\]]+$/, '').split(',');
      const refs = parts.filter(Boolean).map((p) => REF.exec(p));
      if (refs.length === 0 || refs.some((x) => !x)) break;
      for (const ref of refs) found.push({ spec: ref![1], requirement: ref![2] ?? null, pin: ref![3]?.toLowerCase() ?? null });
      expectRef = word.endsWith(',');
    }
    for (const f of found) out.push({ file, line: lineNo, column: m.index + 1, ...f, role: role ?? defaultRole, source: 'tag' });
  }
}

// @sdd traceability/DRF-001
function scanTestNames(file: string, line: string, lineNo: number, idPattern: string, out: CodeRef[]): void {
  let ids = testNamePatterns.get(idPattern);
  // The boundaries are matched rather than looked around, so that the regex can fall back to
  // V8's linear engine when a user's id pattern backtracks (see user-regex.ts).
  if (!ids) testNamePatterns.set(idPattern, (ids = new RegExp(`(?<pre>^|[^A-Za-z0-9_-])(?:(?<spec>[a-z0-9][a-z0-9-]*)/)?(?<req>${idPattern})(?<post>[^A-Za-z0-9_]|$)`, 'g')));
  TEST_CALL.lastIndex = 0;
  for (let m = TEST_CALL.exec(line); m; m = TEST_CALL.exec(line)) {
    const name = m[2];
    const nameStart = m.index + m[0].length - 1 - name.length;
    ids.lastIndex = 0;
    for (let r = ids.exec(name); r; r = ids.exec(name)) {
      const pre = r.groups!.pre.length;
      out.push({
        file, line: lineNo, column: nameStart + r.index + pre + 1,
        spec: r.groups!.spec ?? null, requirement: r.groups!.req, pin: null, role: 'test', source: 'test-name',
      });
      // The character after the id may be the one before the next id.
      ids.lastIndex -= r.groups!.post.length;
      if (r[0].length - pre - r.groups!.post.length === 0) ids.lastIndex++;
    }
  }
}

function dedupe(refs: CodeRef[]): CodeRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.line}\0${r.spec}\0${r.requirement}\0${r.role}\0${r.pin}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
