/** Comparison operators a field term may use; `:` means "matches" (equality or membership). */
export type CompareOp = ':' | '=' | '>' | '>=' | '<' | '<=';

/** Half-open range `[start, end)` of UTF-16 offsets into the original query string. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A parsed `sdd query` expression. `and`/`or` are n-ary and never directly contain a node of
 * their own kind. `field` is `name OP value`; `text` is a full-text word or quoted phrase.
 * `prefix` marks a bare value written with a trailing `*` (the `*` is not part of `value`);
 * `fieldQuoted` a field name written in quotes (`"has":x` names a key, not the `has:` test).
 */
export type QueryNode =
  | ({ type: 'and'; children: QueryNode[] } & Span)
  | ({ type: 'or'; children: QueryNode[] } & Span)
  | ({ type: 'not'; child: QueryNode } & Span)
  | ({ type: 'field'; field: string; fieldQuoted?: boolean; op: CompareOp; value: string; quoted: boolean; prefix: boolean } & Span)
  | ({ type: 'text'; value: string; phrase: boolean; prefix: boolean } & Span);
