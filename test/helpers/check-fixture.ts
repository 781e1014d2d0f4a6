import { writeFile } from './cli.js';

/**
 * A project whose specs break every rule at least once (and a few rules more than once), for
 * testing the reporters against real findings. Add a case here with every new rule.
 */
export function writeSarifFixture(root: string): void {
  writeFile(root, '.sdd/config.yaml', 'version: 1\nrequirement:\n  id_pattern: "[A-Z]+-[0-9]+"\n');
  writeFile(root, '.sdd/constitution.md', '---\nversion: 2.0.0\ntitle: Constitution\n---\n# Constitution\n');
  // policy/core-security (core specs lack a Security section) and policy-config (a bad regex)
  writeFile(root, '.sdd/policies.yaml', [
    'policies:',
    '  - id: core-security',
    '    description: Core specs need a Security section',
    '    severity: warn',
    '    scope: "domain:core"',
    '    require: { section: Security }',
    '  - id: broken-regex',
    '    require: { body: { matches: "(" } }',
    '',
  ].join('\n'));
  // spec-syntax
  writeFile(root, '.sdd/specs/broken.md', '---\nid: broken\ntitle: [unclosed\n---\n# Broken\n');
  // spec-schema, dangling-dependency, unique-requirement-id
  writeFile(root, '.sdd/specs/core/alpha.md', [
    '---', 'id: alpha', 'title: Alpha', 'status: reviw', 'domain: core', 'depends_on: [beta, ghost]', '---', '# Alpha', '',
    '## Requirements', '', '- **REQ-001** The system MUST do alpha.', '- **REQ-001** The system MUST do alpha again.', '',
  ].join('\n'));
  // dependency-cycle (alpha → beta → alpha)
  writeFile(root, '.sdd/specs/core/beta.md', [
    '---', 'id: beta', 'title: Beta', 'status: draft', 'domain: core', 'depends_on: [alpha]', '---', '# Beta', '',
    '## Requirements', '', '- **REQ-001** The system MUST do beta.', '',
  ].join('\n'));
  // unique-id
  writeFile(root, '.sdd/specs/core/gamma.md', '---\nid: gamma\ntitle: Gamma\nstatus: draft\ndomain: core\n---\n# Gamma\n\n## Requirements\n\n- **REQ-001** The system MUST do gamma.\n');
  // required-fields, required-sections (no Requirements section), requirement-keyword,
  // requirement-id-format (mixed prefixes), no-placeholders, no-deprecated-dependency,
  // constitution-version, naming-convention (trailing period), domain-location (not under core/)
  writeFile(root, '.sdd/specs/delta.md', ['---', 'id: delta', 'title: Delta.', 'status: approved', 'domain: core', 'constitution_version: 1.0.0', 'depends_on: [old]', '---', '# Delta', '', '- **REQ-001** The system does delta, details TBD.', '- **SEC-002** The system MUST do more.', ''].join('\n'));
  writeFile(root, '.sdd/specs/old.md', '---\nid: old\ntitle: Old\nstatus: deprecated\n---\n# Old\n\n## Requirements\n');
  writeFile(root, '.sdd/specs/core/gamma-copy.md', '---\nid: gamma\ntitle: Gamma copy\nstatus: draft\ndomain: core\n---\n# Gamma copy\n\n## Requirements\n\n- **REQ-001** The system MUST do gamma.\n');
}
