import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, note, writeJson } from '../output.js';
import { writeSpecTable } from '../ui/spec-table.js';
import { specSummaryJson } from '../json-types.js';
import { parseQuery, formatQueryError, QuerySyntaxError } from '../core/query/parser.js';
import { compileQuery, countQuery, orderBy, querySql, runQuery, unknownFields, valuesInUse, QUERY_FIELDS, SORT_KEYS } from '../cache/query.js';
import { closest } from '../core/spec/lookup.js';
import { parseLimit } from '../core/query/limit.js';
import type { Env } from '../env.js';

export interface QueryOptions {
  args: string[];
  sql?: boolean;
  count?: boolean;
  sort: string;
  limit?: string;
}

export function register(program: Command): void {
  program
    .command('query')
    .alias('q')
    .description('find specs with the query language: fields, comparisons, AND/OR/NOT, full text')
    .argument('<expr>', 'the query (quote it for the shell)')
    .option('--sort <key>', `sort by ${SORT_KEYS.join(', ')}; - prefix reverses`, 'id')
    .option('--limit <n>', 'list at most n specs (the count stays the number of matches)')
    .option('--count', 'print only the number of matching specs (--limit does not change it)')
    .option('--sql', 'print the generated SQL and its parameters instead of running it')
    // `sdd query '-status:draft'`: a leading dash negates a term; it is not an option.
    .allowUnknownOption()
    .addHelpText('after', examples(
      ["sdd query 'status:review AND phase:2'", 'fields and AND'],
      ["sdd query 'domain:auth \"token refresh\"'", 'a field plus a full-text phrase'],
      ["sdd query 'phase>=2 OR tag:security'", 'comparisons and OR'],
      ["sdd query '-status:deprecated depends_on:user-login'", 'negation with -'],
      ["sdd query 'dependent_of:user-login' --count", 'everything that (transitively) depends on a spec'],
      ["sdd query 'title:login*' --sql", 'a word prefix in the title, and show the SQL'],
      ["sdd query 'title=\"User login\"'", 'the whole title, exactly'],
      ["sdd query 'status:draft,review has:domain no:reviewers'", 'a list of values; present and missing fields'],
      ["sdd query 'updated_after:2024-05-01'", 'dates are strict ISO 8601'],
    ) + `
Syntax: field:value matches (case-insensitive; on titles and your own keys, the value's words in
order), field=value the whole value exactly, field:a,b any of the values, field>v, >=, <, <=
compare numbers or ISO dates; has:field and no:field test presence. Bare words and "quoted
phrases" search titles, bodies and requirements; a trailing * makes a prefix; AND (or just a
space), OR, NOT, -term, and parentheses. Quote values with spaces, and field names with
characters other than letters, digits, _, - and . ("release date":2024). Values are checked:
statuses, dates and numbers that cannot match are errors with a caret.
Fields: ${QUERY_FIELDS.join(', ')}, and any other front-matter key.
`)
    .action(action(run));
}

// @sdd query-language/QRY-003
export async function run(env: Env, options: QueryOptions): Promise<number> {
  const [expr] = options.args;
  const limit = options.limit === undefined ? undefined : parseLimit(options.limit);
  orderBy(options.sort);
  let ast;
  try {
    ast = parseQuery(expr);
  } catch (err) {
    if (err instanceof QuerySyntaxError && !env.json) {
      env.stderr.write(`${formatQueryError(expr, err)}\nFix: ${err.fix}\n`);
      return 2;
    }
    throw err;
  }
  const compiled = compileQuery(ast);
  if (options.sql) {
    const sql = querySql(compiled, { sort: options.sort, limit }, options.count);
    if (env.json) writeJson(env, { sql, params: compiled.params });
    else env.stdout.write(`${sql}\n-- params: ${JSON.stringify(compiled.params)}\n`);
    return 0;
  }
  const { answer } = await env.openCache({ read: (db) => ({
    unknown: unknownFields(db, compiled.extraFields),
    kinds: compiled.kinds.length ? valuesInUse(db, 'kind') : [],
    specs: options.count ? [] : runQuery(db, compiled, { sort: options.sort, limit }),
    // One meaning everywhere: count is how many specs match; --limit only shortens the list.
    count: options.count || limit !== undefined ? countQuery(db, compiled) : null,
  }) });
  const warnings = answer.unknown.map(({ field, near }) => `no spec has a field named "${field}"; ${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : `built-in fields: ${QUERY_FIELDS.join(', ')}`}`);
  // kind is an open set (spec, plan, adr … or your own): a kind no spec has is likely a typo.
  const inUse = new Set(answer.kinds.map((k) => k.toLowerCase()));
  for (const kind of compiled.kinds.filter((k) => !inUse.has(k.toLowerCase()))) {
    const near = closest(kind.toLowerCase(), answer.kinds);
    warnings.push(`no spec has kind "${kind}"; ${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : `kinds in use: ${answer.kinds.join(', ')}`}`);
  }
  if (options.count) {
    const { count } = answer;
    if (env.json) writeJson(env, { query: expr, count, warnings });
    else env.stdout.write(`${count}\n`);
  } else {
    const { specs } = answer;
    if (env.json) {
      writeJson(env, { query: expr, count: answer.count ?? specs.length, specs: specs.map(specSummaryJson), warnings });
    } else {
      await writeSpecTable(env, specs);
    }
  }
  for (const w of warnings) note(env, `warning: ${w}`);
  return 0;
}
