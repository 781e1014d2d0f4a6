import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { RULE_IDS, RULE_LOADERS, VALIDATE_RULES, driftRuleIds, loadRule } from '../../../src/core/rules/registry.js';
import type { Rule } from '../../../src/core/rules/types.js';
import { REPO_ROOT } from '../../helpers/cli.js';

const RULES_DIR = path.join(REPO_ROOT, 'src', 'core', 'rules');
const TESTS_DIR = path.join(REPO_ROOT, 'test', 'core', 'rules');
/** Files in src/core/rules/ that are not rules. */
const SUPPORT_FILES = new Set(['engine', 'registry', 'types', 'rule-options', 'finding-keys']);

// @sdd checks/CHK-001
describe('rule registry', () => {
  it('lists every rule file in src/core/rules/, sorted, and nothing else', () => {
    const files = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).filter((f) => !SUPPORT_FILES.has(f));
    assert.deepEqual(Object.keys(RULE_LOADERS), [...files].sort());
    assert.deepEqual(Object.keys(RULE_LOADERS), RULE_IDS);
  });

  it('imports each rule by a literal path named after its id', () => {
    for (const id of RULE_IDS) assert.ok(RULE_LOADERS[id].toString().includes(`'./${id}.js'`), `${id}: ${RULE_LOADERS[id].toString()}`);
  });

  it('names only known rules as structural', () => {
    for (const id of VALIDATE_RULES) assert.ok(RULE_IDS.includes(id), id);
  });

  it('finds the drift rules by what they read, not by a list kept elsewhere', async () => {
    const ids = await driftRuleIds();
    assert.deepEqual(ids, ['drift-code-changed', 'drift-orphaned', 'drift-outdated', 'drift-suspect', 'drift-uncovered', 'drift-untested']);
    for (const id of ids) assert.ok((await loadRule(id)).tags.includes('drift'), id);
  });

  it('has a test file for every rule', () => {
    for (const id of RULE_IDS) assert.ok(fs.existsSync(path.join(TESTS_DIR, `${id}.test.ts`)), `missing test/core/rules/${id}.test.ts`);
  });
});

describe('rule metadata and docs', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });

  for (const id of RULE_IDS) {
    describe(id, () => {
      let rule: Rule;

      // @sdd checks/CHK-001
      it('loads, and its id equals its file name', async () => {
        rule = await loadRule(id);
        assert.equal(rule.id, id);
        assert.equal(typeof rule.check, 'function');
      });

      it('has a PascalCase name, a one-sentence description and plain-text help', async () => {
        rule ??= await loadRule(id);
        assert.match(rule.name, /^[A-Z][a-zA-Z0-9]*$/);
        assert.match(rule.description, /^[A-Z`.].*\.$/s);
        assert.ok(!/\.\s+[A-Z]/.test(rule.description.replace(/e\.g\.|i\.e\.|\.sdd|`[^`]*`/g, '')), `description is more than one sentence: ${rule.description}`);
        assert.ok(rule.help.length >= 60, 'help explains why and how to fix');
        assert.ok(!rule.help.includes('```'), 'help is plain text; examples go in helpMarkdown');
      });

      it('has helpMarkdown with an invalid and a valid example', async () => {
        rule ??= await loadRule(id);
        assert.match(rule.helpMarkdown, /\bInvalid\b/, 'an "Invalid" example');
        assert.match(rule.helpMarkdown, /(^|[^\w])Valid\b/m, 'a "Valid" example');
        assert.ok((rule.helpMarkdown.match(/```/g) ?? []).length >= 2, 'at least one code block');
      });

      it('has a valid default severity, tags and precision', async () => {
        rule ??= await loadRule(id);
        assert.ok(['error', 'warn', 'off'].includes(rule.defaultSeverity), rule.defaultSeverity);
        assert.ok(Array.isArray(rule.tags) && rule.tags.length > 0 && rule.tags.every((t) => /^[a-z][a-z-]*$/.test(t)), rule.tags.join());
        assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.precision), rule.precision);
      });

      it('has an options schema that compiles and accepts its defaults', async () => {
        rule ??= await loadRule(id);
        assert.equal(rule.optionsSchema === undefined, rule.defaultOptions === undefined, 'options schema and default options come together');
        if (!rule.optionsSchema) return;
        assert.equal(rule.optionsSchema.type, 'object');
        assert.equal(rule.optionsSchema.additionalProperties, false, 'misspelt options are reported');
        const validate = ajv.compile(rule.optionsSchema);
        assert.ok(validate(rule.defaultOptions), JSON.stringify(validate.errors));
        assert.ok(!validate({ no_such_option: true }), 'an unknown option is rejected');
        const props = Object.keys((rule.optionsSchema.properties ?? {}) as object);
        assert.deepEqual(Object.keys(rule.defaultOptions!).sort(), props.sort(), 'every option has a default');
      });
    });
  }
});
