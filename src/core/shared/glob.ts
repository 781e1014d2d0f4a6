/**
 * Matching project-relative POSIX paths against the globs of `code:` and `code.include`: `**`
 * (any number of folders), `*` and `?` (within one path segment), `[abc]` / `[!abc]`, `{a,b}`.
 * A glob without a slash matches a file name at any depth (as in .gitignore), and a glob naming
 * a folder (`src/auth`, `src/auth/`) matches everything below it. fast-glob walks the disk; this
 * only answers "does this path match", which drift needs for every file it already knows.
 */
export type PathMatcher = (file: string) => boolean;

const cache = new Map<string, RegExp>();

/** A matcher for any of `globs` (none: matches nothing). */
export function globMatcher(globs: string[]): PathMatcher {
  const regexes = globs.map(globRegex);
  if (regexes.length === 0) return () => false;
  return (file) => regexes.some((r) => r.test(file));
}

/**
 * The folder every match of `glob` lies in (`src/auth/` for `src/auth/**`), or '' when it can
 * match anywhere: lets callers with a sorted file list test only the files under it.
 */
export function globBase(glob: string): string {
  const g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  if (!g.replace(/\/+$/, '').includes('/')) return '';
  const wild = g.search(/[*?[{]/);
  const literal = wild === -1 ? g : g.slice(0, wild);
  return literal.slice(0, literal.lastIndexOf('/') + 1);
}

/** The files of a sorted list that any of `globs` matches, looking only under each glob's base folder. */
export function filesMatching(sortedFiles: string[], globs: string[]): string[] {
  const out = new Set<string>();
  for (const glob of globs) {
    const re = globRegex(glob);
    const base = globBase(glob);
    let i = base ? lowerBound(sortedFiles, base) : 0;
    for (; i < sortedFiles.length; i++) {
      const f = sortedFiles[i];
      if (base && !f.startsWith(base)) break;
      if (re.test(f)) out.add(f);
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

/** The regular expression for one glob, compiled once. */
export function globRegex(glob: string): RegExp {
  const known = cache.get(glob);
  if (known) return known;
  let g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = g.startsWith('/') || g.replace(/\/+$/, '').includes('/');
  g = g.replace(/^\/+/, '');
  if (g.endsWith('/')) g += '**';
  const body = translate(g);
  // A folder glob also covers what is inside it.
  const re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
  cache.set(glob, re);
  return re;
}

function translate(g: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atStart = i === 0 || g[i - 1] === '/';
        const atEnd = i + 2 === g.length || g[i + 2] === '/';
        i++;
        if (atStart && atEnd) {
          // `**/` is zero or more folders; a trailing `**` is anything below.
          if (g[i + 1] === '/') {
            i++;
            out += '(?:[^/]*/)*';
          } else {
            out += '.*';
          }
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = g.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      let set = g.slice(i + 1, end);
      if (set.startsWith('!')) set = '^' + set.slice(1);
      out += `[${set.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return out + ')'.repeat(braces);
}
