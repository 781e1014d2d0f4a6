import type { QueryNode } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { validateQuery } from './fields.js';

export { QuerySyntaxError } from './errors.js';
export type { CompareOp, QueryNode, Span } from './ast.js';

/** A parsed node plus the source range it was written in, which includes any parentheses. */
interface Operand {
  node: QueryNode;
  start: number;
  end: number;
}

const TERM_STARTS = new Set<Token['kind']>(['field', 'text', 'lparen', 'not', 'minus']);

// @sdd query-language/QRY-010
/**
 * Bounds that keep a hostile or generated query from exhausting the parser's stack or SQLite's
 * expression depth (1,000): far beyond what a person writes, far below what breaks.
 */
export const QUERY_LIMITS = { length: 10_000, terms: 200, depth: 50 } as const;

type FieldToken = Extract<Token, { kind: 'field' }>;
type FieldNode = Extract<QueryNode, { type: 'field' }>;

function combine(type: 'and' | 'or', parts: Operand[]): Operand {
  if (parts.length === 1) return parts[0];
  const children = parts.flatMap((p) => (p.node.type === type ? p.node.children : [p.node]));
  const start = parts[0].start;
  const end = parts[parts.length - 1].end;
  return { node: { type, children, start, end }, start, end };
}

/**
 * Recursive descent over the grammar
 *   or    := and ("OR" and)*
 *   and   := unary (["AND"] unary)*
 *   unary := ("NOT" | "-") unary | "(" or ")" | field | text
 * so NOT binds tightest, then AND (explicit or by juxtaposition), then OR.
 */
class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private terms = 0;
  private depth = 0;

  constructor(input: string) {
    if (input.length > QUERY_LIMITS.length) {
      throw new QuerySyntaxError(`query too long: ${input.length} characters (at most ${QUERY_LIMITS.length})`, QUERY_LIMITS.length, input.length - QUERY_LIMITS.length,
        'Shorten the query, or split it into several queries.');
    }
    this.tokens = tokenize(input);
  }

  private countTerm(token: Token): void {
    if (++this.terms > QUERY_LIMITS.terms) {
      throw new QuerySyntaxError(`too many terms: at most ${QUERY_LIMITS.terms}`, token.start, token.end - token.start, 'Split the query, or use a list value (status:draft,review) or a prefix (id:auth-*).');
    }
  }

  /** Runs `parse` one level deeper, refusing nesting deeper than QUERY_LIMITS.depth. */
  private nested<T>(token: Token, parse: () => T): T {
    if (++this.depth > QUERY_LIMITS.depth) {
      throw new QuerySyntaxError(`nested too deeply: at most ${QUERY_LIMITS.depth} levels of NOT and parentheses`, token.start, token.end - token.start, 'Remove redundant parentheses and double negations.');
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private advance(): Token {
    return this.tokens[this.pos++];
  }

  parseAll(input: string): QueryNode {
    if (this.peek().kind === 'eof') throw new QuerySyntaxError('empty query', 0, input.length);
    const result = this.parseOr();
    const rest = this.peek();
    if (rest.kind === 'rparen') throw new QuerySyntaxError("unmatched ')'", rest.start);
    return result.node;
  }

  private parseOr(): Operand {
    const parts = [this.parseAnd()];
    while (this.peek().kind === 'or') parts.push(this.parseAnd(this.advance()));
    return combine('or', parts);
  }

  private parseAnd(after?: Token): Operand {
    const parts = [this.parseUnary(after)];
    for (;;) {
      const next = this.peek();
      if (next.kind === 'and') parts.push(this.parseUnary(this.advance()));
      else if (TERM_STARTS.has(next.kind)) parts.push(this.parseUnary());
      else break;
    }
    return combine('and', parts);
  }

  /** `after` is the operator just consumed, if any, so errors can name what is missing a term. */
  private parseUnary(after?: Token): Operand {
    const token = this.peek();
    switch (token.kind) {
      case 'not':
      case 'minus': {
        this.advance();
        const child = this.nested(token, () => this.parseUnary(token));
        const node: QueryNode = { type: 'not', child: child.node, start: token.start, end: child.end };
        return { node, start: node.start, end: node.end };
      }
      case 'lparen':
        return this.nested(token, () => this.parseGroup());
      case 'field':
        this.advance();
        return this.fieldTerm(token);
      case 'text': {
        const { value, phrase, prefix, start, end } = token;
        this.countTerm(token);
        this.advance();
        return { node: { type: 'text', value, phrase, prefix, start, end }, start, end };
      }
      default:
        throw missingTerm(token, after);
    }
  }

  /**
   * A field term; an unquoted `:` value with commas is a list of alternatives, as in
   * `sdd list --status draft,review`: `status:draft,review` is `(status:draft OR status:review)`.
   */
  private fieldTerm(token: FieldToken): Operand {
    const { field, fieldQuoted, op, value, quoted, prefix, start, end } = token;
    if (op !== ':' || quoted || !value.includes(',')) {
      this.countTerm(token);
      return { node: { type: 'field', field, fieldQuoted, op, value, quoted, prefix, start, end }, start, end };
    }
    const raw = value + (prefix ? '*' : '');
    let at = end - raw.length;
    const children: FieldNode[] = [];
    for (const piece of raw.split(',')) {
      const pieceEnd = at + piece.length;
      if (piece === '' || piece === '*') throw new QuerySyntaxError(`empty value in the list after '${field}${op}'`, at);
      this.countTerm(token);
      const glob = piece.length > 1 && piece.endsWith('*') ? { value: piece.slice(0, -1), prefix: true } : { value: piece, prefix: false };
      children.push({ type: 'field', field, fieldQuoted, op, ...glob, quoted: false, start: at, end: pieceEnd });
      at = pieceEnd + 1;
    }
    return { node: { type: 'or', children, start, end }, start, end };
  }

  private parseGroup(): Operand {
    const open = this.advance();
    const first = this.peek();
    if (first.kind === 'eof') throw new QuerySyntaxError("unmatched '('", open.start);
    if (first.kind === 'rparen') throw new QuerySyntaxError('empty parentheses', open.start, first.end - open.start);
    const inner = this.parseOr();
    const close = this.peek();
    // parseOr stops only at ')' or the end, so anything but ')' means this '(' is never closed.
    if (close.kind !== 'rparen') throw new QuerySyntaxError("unmatched '('", open.start);
    this.advance();
    return { node: inner.node, start: open.start, end: close.end };
  }
}

/** The error for a place that needed a term but found `token`: AND, OR, ')' or the end. */
function missingTerm(token: Token, after: Token | undefined): QuerySyntaxError {
  if (after === undefined) {
    if (token.kind === 'rparen') return new QuerySyntaxError("unmatched ')'", token.start);
    return new QuerySyntaxError(`${token.text} has no term before it`, token.start, token.end - token.start);
  }
  if (token.kind === 'eof' || token.kind === 'rparen') {
    return new QuerySyntaxError(`${after.text} has no term after it`, after.start, after.end - after.start);
  }
  return new QuerySyntaxError(`expected a term between ${after.text} and ${token.text}`, token.start, token.end - token.start);
}

// @sdd query-language/QRY-001, query-language/QRY-003
/**
 * Parses an `sdd query` expression (DESIGN.md §6) into an AST whose nodes carry source spans,
 * and checks every field's value (a status that exists, a real date, a number to compare).
 * Throws `QuerySyntaxError` pointing at the offending part of `input`.
 */
export function parseQuery(input: string): QueryNode {
  const ast = new Parser(input).parseAll(input);
  validateQuery(ast);
  return ast;
}

/** Display columns (code points) before `offset`, so carets line up under astral characters. */
function columnOf(input: string, offset: number): number {
  return [...input.slice(0, offset)].length + Math.max(0, offset - input.length);
}

// @sdd query-language/QRY-003
/**
 * Three lines for the terminal: the message, the query indented two spaces, and carets under the
 * offending span. Line breaks and tabs in the query are shown as spaces to keep the caret aligned.
 */
export function formatQueryError(input: string, err: QuerySyntaxError): string {
  const from = columnOf(input, err.offset);
  const width = Math.max(1, columnOf(input, err.offset + err.length) - from);
  const shown = input.replace(/[\t\n\r\v\f\u0085\u2028\u2029]/g, ' ');
  return [`Query syntax error: ${err.message}`, `  ${shown}`, `  ${' '.repeat(from)}${'^'.repeat(width)}`].join('\n');
}
