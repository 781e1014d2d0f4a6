import { testRule, md } from '../../helpers/rules.js';

const id = 'config-schema';
const specs = { 'a.md': md(['id: a', 'title: A', 'status: draft']) };

testRule(id, {
  valid: [
    { name: 'no config file', specs },
    { name: 'an empty config', config: '', specs },
    {
      name: 'every section',
      config: 'version: 1\nproject:\n  name: demo\nrequirements:\n  id_pattern: "[A-Z]+-[0-9]+"\ncache:\n  path: .cache/x.db\nrules:\n  unique-id: warn\n  config-schema: { severity: error }\n',
      specs,
    },
    { name: 'a known rule this run does not load may have options', config: 'version: 1\nrules:\n  no-placeholders: { options: { statuses: [approved] } }\n', specs },
  ],
  invalid: [
    {
      name: 'a misspelt section, at its key',
      config: 'version: 1\nrequirement:\n  id_pattern: "[A-Z]+-[0-9]+"\n',
      specs,
      errors: [{ message: 'Unknown key `requirement` in the config', line: 2, column: 1, severity: 'error' }],
    },
    {
      name: 'a value of the wrong type',
      config: 'version: 1\ncache:\n  path: 3\n',
      specs,
      errors: [{ message: '`cache.path` must be a string', line: 3, column: 3 }],
    },
    {
      name: 'an unknown rule id in rules',
      config: 'version: 1\nrules:\n  no-such-rule: warn\n',
      specs,
      errors: [{ message: 'Unknown rule `no-such-rule` in the config', line: 3, column: 3 }],
    },
    {
      name: 'a severity that is not error, warn or off',
      config: 'version: 1\nrules:\n  config-schema: { severity: 2 }\n',
      specs,
      errors: [{ message: 'Severity of rule `config-schema` is 2, which is not one of: error, warn, off', line: 3, column: 20 }],
    },
    {
      // `sdd validate` loads only the structural rules; a typo in another rule's severity should
      // still be reported there, since checking it needs only the rule id.
      name: 'a bad severity of a known rule this run does not load',
      config: 'version: 1\nrules:\n  no-placeholders: loud\n',
      specs,
      errors: [{ message: 'Severity of rule `no-placeholders` is "loud"', line: 3, column: 3 }],
    },
    {
      name: 'a setting that is neither a severity nor a mapping',
      config: 'version: 1\nrules:\n  unique-id: [error]\n',
      specs,
      errors: [{ message: 'The setting of rule `unique-id` must be error, warn, off, or a mapping', line: 3, column: 3 }],
    },
    {
      name: 'an unknown key in a rule setting',
      config: 'version: 1\nrules:\n  unique-id:\n    severity: warn\n    level: 2\n',
      specs,
      errors: [{ message: 'Unknown key `level` in the setting of rule `unique-id`', line: 5, column: 5 }],
    },
    {
      name: 'options for a rule without options',
      config: 'version: 1\nrules:\n  config-schema:\n    options: { strict: true }\n',
      specs,
      errors: [{ message: 'Option of rule `config-schema`: this rule takes no options', line: 4, column: 5 }],
    },
  ],
});
