import fs from 'node:fs';
import { relativePath } from '../project/paths.js';
import { YamlLocator } from '../shared/yaml-locate.js';
import type { RuleContext } from './types.js';
import { compileUserRegex, UnboundedPatternError } from '../shared/user-regex.js';

/**
 * Compiles a rule option holding a regular expression. The options schema can only say "a
 * string", so a source that does not compile is reported here, at its line in the config, and
 * the caller skips the check that needed it (null). Patterns run on the linear fallback of
 * `compileUserRegex`, so a pattern that could backtrack without bound is reported the same way
 * instead of hanging the check; with `i` in `flags`, match against `foldCase(text)`.
 */
export function optionRegExp(ctx: RuleContext, ruleId: string, optionPath: Array<string | number>, source: string, flags = ''): RegExp | null {
  try {
    return compileUserRegex(source, flags);
  } catch (err) {
    let pos = { line: 1, column: 1 };
    try {
      pos = new YamlLocator(fs.readFileSync(ctx.paths.configFile, 'utf8')).locate(['rules', ruleId, 'options', ...optionPath]);
    } catch {
      // No readable config: the bad value came from elsewhere, so line 1 is as good as any.
    }
    ctx.report({
      file: relativePath(ctx.paths.root, ctx.paths.configFile), line: pos.line, column: pos.column, key: `options.${optionPath.join('.')}`,
      message: err instanceof UnboundedPatternError
        ? `Option \`${optionPath.join('.')}\` of rule \`${ruleId}\` cannot be run with a time bound: ${err.message}`
        : `Option \`${optionPath.join('.')}\` of rule \`${ruleId}\` is not a valid regular expression: ${(err as Error).message}`,
      fix: err instanceof UnboundedPatternError
        ? 'Rewrite the pattern without backreferences or lookarounds (match the surrounding text instead), in at most 500 characters.'
        : 'Write a JavaScript regular expression source; in YAML, quote it and double each backslash inside double quotes.',
    });
    return null;
  }
}
