import type { CompareOp } from './ast.js';
import { QuerySyntaxError } from './errors.js';

interface TokenBase {
  /** The token's source text, exactly as written. */
  text: string;
  start: number;
  end: number;
}

/** One lexical token. Field terms are lexed whole, so the parser never sees a bare operator. */
export type Token =
  | ({ kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'eof' } & TokenBase)
  | ({ kind: 'field'; field: string; fieldQuoted: boolean; op: CompareOp; value: string; quoted: boolean; prefix: boolean } & TokenBase)
  | ({ kind: 'text'; value: string; phrase: boolean; prefix: boolean } & TokenBase);

// @sdd query-language/QRY-007
// Front-matter keys are often not identifiers: `target-release`, `ticket_id`, nested `a.b`, and
// letters of any script. Anything else can still be named in quotes: `"release date":2024`.
const FIELD_NAME = /[\p{L}_][\p{L}\p{N}_.-]*/uy;
const COMPARE_OP = /[<>]=?|[:=]/y;
const WORD_END = /[\s()"]/;
const KEYWORDS = new Map<string, 'and' | 'or' | 'not'>([['AND', 'and'], ['OR', 'or'], ['NOT', 'not']]);

function matchAt(re: RegExp, input: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(input)?.[0];
}

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

/** End offset (exclusive) of the bare word starting at `at`. */
function wordEnd(input: string, at: number): number {
  let i = at;
  while (i < input.length && !WORD_END.test(input[i])) i++;
  return i;
}

/** Reads the double-quoted string whose opening quote is at `at`; only `\"` and `\\` are escapes. */
function readQuoted(input: string, at: number): { value: string; end: number } {
  let value = '';
  let i = at + 1;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
      value += input[i + 1];
      i += 2;
    } else {
      value += ch;
      i++;
    }
  }
  throw new QuerySyntaxError('unterminated quoted string', at);
}

/** A bare `x*` is a prefix glob; a lone `*` stays literal so no term ever has an empty value. */
function splitGlob(raw: string): { value: string; prefix: boolean } {
  return raw.length > 1 && raw.endsWith('*') ? { value: raw.slice(0, -1), prefix: true } : { value: raw, prefix: false };
}

/** The value of a field term whose operator ends at `valueStart`; the term began at `start`. */
function lexFieldValue(input: string, start: number, field: string, fieldQuoted: boolean, op: CompareOp, valueStart: number): Token {
  const base = { kind: 'field' as const, field, fieldQuoted, op };
  if (input[valueStart] === '"') {
    const { value, end } = readQuoted(input, valueStart);
    return { ...base, value, quoted: true, prefix: false, text: input.slice(start, end), start, end };
  }
  const end = wordEnd(input, valueStart);
  const written = input.slice(start, valueStart);
  if (end === valueStart) {
    throw new QuerySyntaxError(`missing value after '${written}' (write the value right after the operator)`, valueStart);
  }
  // `status::draft` or `phase=>2` is a typo for one operator, not a search for ":draft".
  const stray = matchAt(COMPARE_OP, input, valueStart);
  if (stray !== undefined) {
    throw new QuerySyntaxError(`unexpected '${stray}' after '${written}' (one operator per term; quote a value that starts with it)`, valueStart, stray.length);
  }
  const glob = splitGlob(input.slice(valueStart, end));
  return { ...base, ...glob, quoted: false, text: input.slice(start, end), start, end };
}

function lexWord(input: string, start: number): Token {
  const name = matchAt(FIELD_NAME, input, start);
  const op = matchAt(COMPARE_OP, input, start + (name?.length ?? 0));
  if (op !== undefined && name === undefined) {
    throw new QuerySyntaxError(`missing field name before '${op}'`, start, op.length);
  }
  if (op !== undefined && name !== undefined) {
    return lexFieldValue(input, start, name, false, op as CompareOp, start + name.length + op.length);
  }
  const end = wordEnd(input, start);
  const text = input.slice(start, end);
  const keyword = KEYWORDS.get(text);
  if (keyword !== undefined) return { kind: keyword, text, start, end };
  return { kind: 'text', ...splitGlob(text), phrase: false, text, start, end };
}

/** A quoted string at `at`: a phrase, or a quoted field name when an operator follows it. */
function lexQuoted(input: string, at: number): Token {
  const { value, end } = readQuoted(input, at);
  const op = matchAt(COMPARE_OP, input, end);
  if (op !== undefined) {
    if (value === '') throw new QuerySyntaxError(`empty field name before '${op}'`, at, end - at);
    return lexFieldValue(input, at, value, true, op as CompareOp, end + op.length);
  }
  return { kind: 'text', value, phrase: true, prefix: false, text: input.slice(at, end), start: at, end };
}

// @sdd query-language/QRY-001
/**
 * Splits a query into tokens, always ending with an `eof` token at `input.length`.
 * Throws `QuerySyntaxError` for an unterminated quote, a field operator with no name before it,
 * a field operator with no value after it, or a second operator glued to the first.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < input.length && isSpace(input[i])) i++;
    if (i >= input.length) break;
    const ch = input[i];
    let token: Token;
    if (ch === '(' || ch === ')') {
      token = { kind: ch === '(' ? 'lparen' : 'rparen', text: ch, start: i, end: i + 1 };
    } else if (ch === '"') {
      token = lexQuoted(input, i);
    } else if (ch === '-' && i + 1 < input.length && !isSpace(input[i + 1]) && input[i + 1] !== ')') {
      // Only a leading `-` glued to what follows negates; `user-auth` and a lone `-` are words.
      token = { kind: 'minus', text: ch, start: i, end: i + 1 };
    } else {
      token = lexWord(input, i);
    }
    tokens.push(token);
    i = token.end;
  }
  tokens.push({ kind: 'eof', text: '', start: input.length, end: input.length });
  return tokens;
}
