import { SddError } from '../shared/errors.js';

/**
 * A malformed query. `offset` (0-based, at most the query's length) and `length` (at least 1)
 * mark the offending span so `formatQueryError` can put a caret under it.
 */
export class QuerySyntaxError extends SddError {
  readonly offset: number;
  readonly length: number;

  constructor(message: string, offset: number, length = 1, fix = 'Fix the query at the marked position; quote values that contain spaces or parentheses.') {
    super('query_syntax', message, { fix });
    this.name = 'QuerySyntaxError';
    this.offset = offset;
    this.length = Math.max(1, length);
  }
}
