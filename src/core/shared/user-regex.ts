import v8 from 'node:v8';

// V8 keeps a linear-time regex engine next to its backtracking one. With this flag a regex that
// backtracks too much is re-run on the linear engine, so `(A+)+B` or `a*a*a*…c` over a long line
// costs microseconds instead of hours. The linear engine cannot run backreferences, lookarounds
// or case-insensitive matching, which is why user patterns are screened for those below and why
// case-insensitive patterns are folded by hand.
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

/** The longest regular expression source sdd accepts from a user. */
export const MAX_USER_PATTERN_LENGTH = 500;

/**
 * Why `source` cannot be run with a bound, or null when it can. Only the constructs the linear
 * engine cannot take are refused: backreferences and lookarounds (both rarely needed in an id or
 * placeholder pattern), and sources too long to be a pattern anyone meant.
 */
export function unboundedPatternReason(source: string): string | null {
  if (source.length > MAX_USER_PATTERN_LENGTH) return `it is ${source.length} characters long (at most ${MAX_USER_PATTERN_LENGTH})`;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'it uses a backreference, which can take exponential time';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && source[i + 1] === '?' && (source[i + 2] === '=' || source[i + 2] === '!' || (source[i + 2] === '<' && (source[i + 3] === '=' || source[i + 3] === '!')))) {
      return 'it uses a lookahead or lookbehind, which can take exponential time';
    }
  }
  return null;
}

/**
 * Compiles a user pattern so that it runs in linear time: throws a SyntaxError when it does not
 * compile, and an Error naming the reason when it cannot be bounded. `i` is honoured by folding
 * the pattern to lower case; match it against `foldCase(text)`, which keeps every offset.
 */
export function compileUserRegex(source: string, flags = ''): RegExp {
  const reason = unboundedPatternReason(source);
  if (reason) throw new UnboundedPatternError(reason);
  // Compiled as given first, so that syntax errors read as the user wrote the pattern.
  new RegExp(source, flags);
  if (!flags.includes('i')) return new RegExp(source, flags);
  return new RegExp(foldPattern(source), flags.replace('i', ''));
}

/** A pattern sdd refuses to run because it could backtrack without bound. */
export class UnboundedPatternError extends Error {}

/** Lower-cases the literal characters of a pattern, leaving escapes (`\S`, `\W`, `\u00C9`) alone. */
function foldPattern(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else {
      out += foldChar(c);
    }
  }
  return out;
}

/** `text` in lower case, one code unit per code unit, so that match offsets are offsets in `text`. */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const c of text) out += c.length === 1 ? foldChar(c) : c;
  return out;
}

function foldChar(c: string): string {
  const l = c.toLowerCase();
  return l.length === c.length ? l : c;
}
