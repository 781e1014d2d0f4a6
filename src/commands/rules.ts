import type { Command } from 'commander';
import { action } from '../command.js';
import { examples, style, table, writeJson } from '../output.js';
import { openProject } from '../core/project/open.js';
import { SddError } from '../core/shared/errors.js';
import { closest } from '../core/spec/lookup.js';
import path from 'node:path';
import { relativePath } from '../core/project/paths.js';
import type { Rule, RuleMeta } from '../core/rules/types.js';
import type { Env } from '../env.js';

export function register(program: Command): void {
  program
    .command('rules')
    .description('list the rules sdd check runs, with their severity here; or print one rule\'s documentation')
    .argument('[id]', 'a rule id, for its documentation and options')
    .addHelpText('after', examples(
      ['sdd rules', 'every rule with its effective severity'],
      ['sdd rules required-sections', 'what the rule checks, how to fix it, its options'],
      ['sdd rules --json', 'rule metadata for tooling'],
    ) + '\nChange a severity or options in .sdd/config.yaml, e.g.\n  rules:\n    no-placeholders: warn\n    required-sections: { severity: error, options: { sections: { spec: [Requirements, Security] } } }\n')
    .action(action(run));
}

// @sdd checks/CHK-001
export async function run(env: Env, options: { args: string[] }): Promise<number> {
  const [id] = options.args;
  const { loadRules, RULE_IDS } = await import('../core/rules/registry.js');
  const { resolveSettings } = await import('../core/rules/engine.js');
  const rules: RuleMeta[] = await loadRules(RULE_IDS);
  // Outside a project the defaults apply.
  let settings = new Map(rules.map((r) => [r.id, { severity: r.defaultSeverity, options: r.defaultOptions ?? {} }]));
  try {
    const project = openProject(env.cwd);
    settings = resolveSettings(project.paths, project.config, rules as Rule[], new Set(RULE_IDS)).settings as typeof settings;
    // The project's own policies are rules too: list them after the built-ins.
    const { loadPolicies } = await import('../core/policies/index.js');
    const { policyRule } = await import('../core/check/policies.js');
    const file = path.join(project.paths.sddDir, 'policies.yaml');
    for (const policy of loadPolicies(file, relativePath(project.paths.root, file)).policies) {
      const rule = policyRule(policy);
      rules.push(rule);
      settings.set(rule.id, { severity: rule.defaultSeverity, options: {} });
    }
  } catch (err) {
    if (!(err instanceof SddError) || err.code !== 'not_initialized') throw err;
  }

  if (id !== undefined) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) {
      const near = closest(id, RULE_IDS);
      throw new SddError('unknown_rule', `There is no rule "${id}"`, { fix: near.length ? `Did you mean ${near.join(' or ')}? Run \`sdd rules\` for the list.` : 'Run `sdd rules` for the list.' });
    }
    const s = settings.get(rule.id)!;
    if (env.json) {
      writeJson(env, { rule: { ...meta(rule), severity: s.severity, options: s.options } });
      return 0;
    }
    const p = await style(env);
    const out = [
      `${p.bold(rule.id)}  ${rule.name}`,
      `${rule.description}`,
      '',
      `severity: ${s.severity} (default ${rule.defaultSeverity})   tags: ${rule.tags.join(', ')}   precision: ${rule.precision}`,
      '',
      rule.help,
      '',
      rule.helpMarkdown,
    ];
    if (rule.optionsSchema) out.push('', p.bold('Options'), JSON.stringify(s.options, null, 2), '', p.dim('Schema: ' + JSON.stringify(rule.optionsSchema)));
    env.stdout.write(out.join('\n') + '\n');
    return 0;
  }
  if (env.json) {
    writeJson(env, { rules: rules.map((r) => ({ ...meta(r), severity: settings.get(r.id)!.severity })) });
    return 0;
  }
  const rows = rules.map((r) => [r.id, settings.get(r.id)!.severity, r.description]);
  env.stdout.write(env.isTTY ? table([['RULE', 'SEVERITY', 'DESCRIPTION'], ...rows]) : rows.map((r) => r.join('\t') + '\n').join(''));
  return 0;
}

function meta(r: RuleMeta) {
  return {
    id: r.id, name: r.name, description: r.description, help: r.help, help_markdown: r.helpMarkdown, default_severity: r.defaultSeverity,
    tags: r.tags, precision: r.precision, options_schema: r.optionsSchema ?? null, default_options: r.defaultOptions ?? null,
  };
}
