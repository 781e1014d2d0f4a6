import vm from 'node:vm';
import picomatch from 'picomatch';
import { SddError } from './errors.js';

/**
 * Matching project-relative POSIX paths against the globs of `code:` and `code.include`, with
 * picomatch's syntax: `**`, `*`, `?`, `[a-z]` / `[!a-z]`, `{a,b}`, `{1..3}`, extglobs such as
 * `+(a|b)`, and `\` escapes. A glob starting with `!` excludes what it matches from the others.
 * On top of picomatch, as in .gitignore: a glob without a slash matches a name at any depth,
 * and a glob naming a folder (`src/auth`, `src/auth/`) matches everything below it. fast-glob
 * walks the disk; this only answers "does this path match", which drift needs for every file it
 * already knows.
 */
export type PathMatcher = (file: string) => boolean;

// `posix` makes `[!a]` a negated set; `literalBrackets: false` keeps `[ab]` one character wide
// (a file named `[ab]` is written `\[ab\]`); `windows: false` keeps `\` an escape on every OS.
const PICOMATCH_OPTIONS: picomatch.PicomatchOptions = { dot: true, posix: true, literalBrackets: false, windows: false, nonegate: true };

const cache = new Map<string, RegExp>();
const NEVER = /(?!)/;
const ANYTHING = /^./;

interface SplitGlobs {
  include: string[];
  exclude: string[];
}

function split(globs: string[]): SplitGlobs {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const glob of globs) {
    const g = glob.trim();
    if (g.startsWith('!')) exclude.push(g.slice(1));
    else include.push(g);
  }
  return { include, exclude };
}

/** A matcher for any of `globs`, less what a `!glob` among them matches (no plain glob: matches nothing). */
export function globMatcher(globs: string[]): PathMatcher {
  const { include, exclude } = split(globs);
  const yes = include.map(globTester);
  const no = exclude.map(globTester);
  if (yes.length === 0) return () => false;
  return (file) => yes.some((test) => test(file)) && !no.some((test) => test(file));
}

/**
 * The folder every match of `glob` lies in (`src/auth/` for `src/auth/**`), or '' when it can
 * match anywhere: lets callers with a sorted file list test only the files under it.
 */
export function globBase(glob: string): string {
  const g = glob.trim().replace(/^\.\//, '').replace(/^\/+/, '');
  if (g.startsWith('!') || !g.replace(/\/+$/, '').includes('/')) return '';
  // Any character that may start something special (an escape included) ends the literal part.
  const wild = g.search(/[*?[{(\\!@+]/);
  const literal = wild === -1 ? g : g.slice(0, wild);
  return literal.slice(0, literal.lastIndexOf('/') + 1);
}

/** The files of a sorted list that `globs` match (see globMatcher), looking only under each glob's base folder. */
export function filesMatching(sortedFiles: string[], globs: string[]): string[] {
  const { include, exclude } = split(globs);
  const no = exclude.map(globTester);
  const out = new Set<string>();
  for (const glob of include) {
    const test = globTester(glob);
    const base = globBase(glob);
    let i = base ? lowerBound(sortedFiles, base) : 0;
    for (; i < sortedFiles.length; i++) {
      const f = sortedFiles[i];
      if (base && !f.startsWith(base)) break;
      if (test(f) && !no.some((t) => t(f))) out.add(f);
    }
  }
  return [...out].sort();
}

function lowerBound(list: string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The regular expression for one glob (without a leading `!`), compiled once. */
export function globRegex(glob: string): RegExp {
  const known = cache.get(glob);
  if (known) return known;
  let g = glob.trim().replace(/^\.\//, '');
  const anchored = g.startsWith('/') || g.replace(/\/+$/, '').includes('/');
  g = g.replace(/^\/+/, '');
  // `dir/` and `dir/**` cover what is below the folder, not a file of that name.
  const below = /(^|[^\\])\/(\*\*)?$/.test(g) || g === '**';
  g = g.replace(/\/(\*\*)?$/, '').replace(/\/+$/, '');
  if (below && (g === '' || g === '**')) return ANYTHING;
  if (g === '') return NEVER;
  // picomatch's unanchored pattern; the anchors below add the any-depth prefix and the
  // "everything below a folder" suffix.
  const body = linearStars(picomatch.parse(literalParens(g), PICOMATCH_OPTIONS).output);
  const re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}(?:${body})${below ? '/.+' : '(?:/.*)?'}$`);
  cache.set(glob, re);
  return re;
}

const testers = new Map<string, PathMatcher>();
// Enough for any path a sane glob matches; a glob that needs longer is stopped, not waited for.
const MATCH_TIME_LIMIT_MS = 250;
let guard: { context: vm.Context; script: vm.Script } | undefined;

/**
 * The test for one glob. Stars with fixed-width text between them are made linear (see
 * linearStars); what that cannot cover, several stars around braces or extglobs in one path
 * segment, runs under a time limit, so a pathological glob fails with an error instead of
 * hanging sdd. The limit costs a fraction of a millisecond per test, so only those globs pay it.
 */
function globTester(glob: string): PathMatcher {
  const known = testers.get(glob);
  if (known) return known;
  const re = globRegex(glob);
  let test: PathMatcher = (file) => re.test(file);
  if (needsTimeLimit(glob)) {
    test = (file) => {
      guard ??= { context: vm.createContext({ re: null, file: '' }), script: new vm.Script('re.test(file)') };
      guard.context.re = re;
      guard.context.file = file;
      try {
        return guard.script.runInContext(guard.context, { timeout: MATCH_TIME_LIMIT_MS }) as boolean;
      } catch (err) {
        if ((err as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
        throw new SddError('glob_too_complex', `The glob \`${glob}\` takes too long to match ${file}`, {
          fix: 'Use fewer `*` and extglobs beside braces or extglobs in one part of the path, or split the glob into several simpler ones.',
        });
      }
    };
  }
  testers.set(glob, test);
  return test;
}

/**
 * Whether `glob` may backtrack badly: a path segment with three or more unbounded wildcards
 * beside braces or an extglob, or a repeated extglob nested in a group.
 */
function needsTimeLimit(glob: string): boolean {
  let depth = 0;
  let inSet = false;
  let wild = 0;
  let grouped = false;
  for (let i = 0; i <= glob.length; i++) {
    const c = glob[i];
    if (c === undefined || (c === '/' && depth === 0 && !inSet)) {
      if (grouped && wild >= 3) return true;
      wild = 0;
      grouped = false;
      continue;
    }
    if (c === '\\') i++;
    else if (inSet) inSet = c !== ']';
    // A repeated extglob inside a group (`+(+(a)b)`) can backtrack exponentially on its own.
    else if ((c === '+' || c === '*') && glob[i + 1] === '(' && depth > 0) return true;
    else if (c === '[') inSet = true;
    else if (c === '{' || c === '(') {
      depth++;
      grouped = true;
    } else if ((c === '}' || c === ')') && depth > 0) depth--;
    else if (c === '*' && glob[i + 1] !== '*' && glob[i - 1] !== '*') wild++;
    else if ((c === '+' || c === '!' || c === '*') && glob[i + 1] === '(') wild++;
  }
  return false;
}

/**
 * Escapes `(`, `)` and `|` that are not part of an extglob (`@(a|b)`): to picomatch they are
 * regex groups, but in a path they are characters (`app/(auth)/page.tsx`, `a|b.txt`).
 */
function literalParens(glob: string): string {
  let out = '';
  const open: boolean[] = [];
  let inSet = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      out += glob.slice(i, i + 2);
      i++;
    } else if (inSet) {
      if (c === ']') inSet = false;
      out += c;
    } else if (c === '[') {
      inSet = true;
      out += c;
    } else if (c === '(') {
      const extglob = i > 0 && '?*+@!'.includes(glob[i - 1]);
      open.push(extglob);
      out += extglob ? c : '\\(';
    } else if (c === ')' && open.length > 0) {
      out += open.pop() ? c : '\\)';
    } else if (c === ')') {
      out += '\\)';
    } else if (c === '|') {
      out += open.includes(true) ? c : '\\|';
    } else {
      out += c;
    }
  }
  return out;
}

// One `*` in picomatch's output, and a run after it of atoms one character wide (a literal
// character, an escape other than `\/`, a bracket set) that another `*` of the same segment follows.
const STAR = '[^/]*?';
const STAR_THEN_PIECE = /\[\^\/\]\*\?((?:\\[^/]|\[(?:\\.|[^\]\\])*\]|[^\\()[\]|*+?{}^$/.])+)(?=\[\^\/\]\*\?)/g;

/**
 * Makes every `*` that another `*` of the same segment follows atomic (`(?=(?<sN>…))\k<sN>`),
 * so that it takes the first place where the piece after it matches and never goes back.
 * Without this, `src/*a*a*a*a*a*a*a*a*a*a*a*a*c` against a long `src/aaaa…` takes years: each
 * star retries every split of the text. With fixed-width pieces the first place is never worse
 * (a later star can absorb the gap), so the answer is the same and the time linear per star.
 */
function linearStars(source: string): string {
  if (source.split(STAR).length < 3) return source;
  let n = 0;
  return source.replace(STAR_THEN_PIECE, (_all, piece: string) => {
    const name = `star${n++}`;
    return `(?=(?<${name}>${STAR}${piece}))\\k<${name}>`;
  });
}
