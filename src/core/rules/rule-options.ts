import fs from 'node:fs';
import { relativePath } from '../project/paths.js';
import { YamlLocator } from '../shared/yaml-locate.js';
import type { RuleContext } from './types.js';

/**
 * Compiles a rule option holding a regular expression. The options schema can only say "a
 * string", so a source that does not compile is reported here, at its line in the config, and
 * the caller skips the check that needed it (null).
 */
export function optionRegExp(ctx: RuleContext, ruleId: string, optionPath: Array<string | number>, source: string, flags = ''): RegExp | null {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    let pos = { line: 1, column: 1 };
    try {
      pos = new YamlLocator(fs.readFileSync(ctx.paths.configFile, 'utf8')).locate(['rules', ruleId, 'options', ...optionPath]);
    } catch {
      // No readable config: the bad value came from elsewhere, so line 1 is as good as any.
    }
    ctx.report({
      file: relativePath(ctx.paths.root, ctx.paths.configFile), line: pos.line, column: pos.column, key: `options.${optionPath.join('.')}`,
      message: `Option \`${optionPath.join('.')}\` of rule \`${ruleId}\` is not a valid regular expression: ${(err as Error).message}`,
      fix: 'Write a JavaScript regular expression source; in YAML, quote it and double each backslash inside double quotes.',
    });
    return null;
  }
}
