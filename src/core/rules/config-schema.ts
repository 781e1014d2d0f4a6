import fs from 'node:fs';
import { checkSchema } from '../shared/schema.js';
import { YamlLocator } from '../shared/yaml-locate.js';
import { relativePath } from '../project/paths.js';
import type { Rule } from './types.js';
import { configProblems } from '../project/config.js';

const rule: Rule = {
  id: 'config-schema',
  name: 'ConfigSchema',
  description: '.sdd/config.yaml matches the config JSON Schema, and rule settings name real rules with valid options.',
  help: 'An unknown or misspelt key in .sdd/config.yaml would otherwise be ignored silently. The schema ships in schemas/config.schema.json; `sdd rules` lists rule ids and their options.',
  helpMarkdown: 'Invalid (misspelt section):\n\n```yaml\nrequirement:\n  id_pattern: "[A-Z]+-[0-9]+"\n```\n\nValid:\n\n```yaml\nrequirements:\n  id_pattern: "[A-Z]+-[0-9]+"\n```',
  defaultSeverity: 'error',
  tags: ['structure', 'config'],
  precision: 'very-high',
  check(ctx) {
    if (Object.keys(ctx.config.raw).length === 0) return;
    const file = relativePath(ctx.paths.root, ctx.paths.configFile);
    const locator = new YamlLocator(fs.readFileSync(ctx.paths.configFile, 'utf8'));
    for (const issue of checkSchema('config', ctx.config.raw)) {
      const pos = locator.locate(issue.path);
      ctx.report({
        file, line: pos.line, column: pos.column, key: issue.key, message: `${issue.message} in the config`,
        fix: 'See "Configuration" in README.md; your editor can complete keys from schemas/config.schema.json.',
      });
    }
    for (const problem of configProblems(ctx.config.raw)) {
      const pos = locator.locate(problem.path);
      ctx.report({ file, line: pos.line, column: pos.column, key: problem.path.join('.'), message: problem.message, fix: problem.fix });
    }
  },
};
export default rule;
