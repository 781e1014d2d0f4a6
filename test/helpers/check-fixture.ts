import fs from 'node:fs';
import path from 'node:path';
import { git, writeFile } from './cli.js';
import { parseSpec } from '../../src/core/spec/parse.js';

/**
 * A project whose specs break every rule at least once (and a few rules more than once), for
 * testing the reporters against real findings. Add a case here with every new rule.
 */
export function writeSarifFixture(root: string): void {
  // requirement: is a misspelt key (config-schema); unsigned decisions count, so the approval
  // rules below can be triggered without keys (bad signatures are still checked).
  // drift.require_tests makes drift-untested fire too.
  writeFile(root, '.sdd/config.yaml', 'version: 1\nrequirement:\n  id_pattern: "[A-Z]+-[0-9]+"\napprovals:\n  require_signature: false\ndrift:\n  require_tests: true\n');
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
  writeGovernanceCases(root);
  writeDriftCases(root);
  writeFile(root, '.sdd/specs/core/gamma-copy.md', '---\nid: gamma\ntitle: Gamma copy\nstatus: draft\ndomain: core\n---\n# Gamma copy\n\n## Requirements\n\n- **REQ-001** The system MUST do gamma.\n');
}

const decision = (spec: string, principal: string, contentHash: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  version: 1, spec, decision: 'approved', principal, role: 'reviewer', reason: null, timestamp: '2026-01-01T00:00:00.000Z',
  content_hash: contentHash, dependencies: {}, commit: null, reviewers: [], signature: null, ...extra,
}, null, 2) + '\n';

function hashOf(root: string, rel: string): string {
  const result = parseSpec(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
  if (!result.ok) throw new Error(`fixture spec ${rel} does not parse`);
  return result.spec.contentHash;
}

// Spelt apart, so that sdd scanning its own tests does not take the fixtures for tags.
const TAG = '@' + 'sdd';

/**
 * Code files that trigger each drift rule (after writeGovernanceCases, which makes the first
 * commit). delta (approved, untagged) is drift-uncovered and zeta (approved while eta had other
 * content) drift-suspect already; theta is approved at a commit, then its code changes.
 */
function writeDriftCases(root: string): void {
  writeFile(root, '.sdd/specs/core/theta.md', '---\nid: theta\ntitle: Theta\nstatus: approved\ndomain: core\nowner: ada@example.com\n---\n# Theta\n\n## Requirements\n\n- **REQ-001** The system MUST do theta.\n');
  // drift-untested (implemented, no test) and, once changed below, drift-code-changed
  writeFile(root, 'src/theta.ts', `// ${TAG} theta/REQ-001\nexport const theta = 1;\n`);
  // drift-orphaned (no such spec) and drift-outdated (a pin theta's content never had)
  writeFile(root, 'src/app.py', `# ${TAG} nosuch/REQ-001\n# ${TAG} theta@00000000\nprint("app")\n`);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'theta');
  const head = git(root, 'rev-parse', 'HEAD');
  writeFile(root, '.sdd/approvals/theta/20260101T000000Z-approved-bob.json', decision('theta', 'bob@example.com', hashOf(root, '.sdd/specs/core/theta.md'), { commit: head }));
  writeFile(root, 'src/theta.ts', `// ${TAG} theta/REQ-001\nexport const theta = 2;\n`);
}

/** Specs and decision files that trigger each approval rule (`root` must be a git repository). */
function writeGovernanceCases(root: string): void {
  // access-file-invalid: a team that is not defined
  writeFile(root, '.sdd/access.yml', 'domains:\n  core:\n    reviewers: [bob@example.com, "@nobody"]\n');
  writeFile(root, '.sdd/allowed_signers', '');
  const spec = (id: string, status: string, extra = '') => `---\nid: ${id}\ntitle: ${id[0].toUpperCase()}${id.slice(1)}\nstatus: ${status}\ndomain: core\nowner: ada@example.com\n${extra}---\n# ${id}\n\n## Requirements\n\n- **REQ-001** The system MUST do ${id}.\n`;
  // approval-stale: approved, but the decision is of other content
  writeFile(root, '.sdd/specs/core/epsilon.md', spec('epsilon', 'approved'));
  writeFile(root, '.sdd/approvals/epsilon/20260101T000000Z-approved-bob.json', decision('epsilon', 'bob@example.com', 'sha256:older'));
  // approval-suspect-dependency: approved content, but its dependency eta changed since
  writeFile(root, '.sdd/specs/core/eta.md', spec('eta', 'review'));
  writeFile(root, '.sdd/specs/core/zeta.md', spec('zeta', 'approved', 'depends_on: [eta]\n'));
  writeFile(root, '.sdd/approvals/zeta/20260101T000000Z-approved-bob.json', decision('zeta', 'bob@example.com', hashOf(root, '.sdd/specs/core/zeta.md'), { dependencies: { eta: 'sha256:older' } }));
  // approval-unauthorized: dan has no rights in core
  writeFile(root, '.sdd/approvals/eta/20260101T000000Z-approved-dan.json', decision('eta', 'dan@example.com', hashOf(root, '.sdd/specs/core/eta.md')));
  // approval-bad-signature: a signature that is not one
  writeFile(root, '.sdd/approvals/eta/20260101T000001Z-approved-bob.json', decision('eta', 'bob@example.com', hashOf(root, '.sdd/specs/core/eta.md'), {
    signature: '-----BEGIN SSH SIGNATURE-----\nU1NIU0lHbm90IGEgc2lnbmF0dXJl\n-----END SSH SIGNATURE-----',
  }));
  // approval-record-tampered: committed, then edited
  const tampered = '.sdd/approvals/eta/20260101T000002Z-approved-carol.json';
  writeFile(root, tampered, decision('eta', 'carol@example.com', 'sha256:older'));
  git(root, 'add', '.sdd/approvals');
  git(root, 'commit', '-qm', 'decisions');
  writeFile(root, tampered, decision('eta', 'carol@example.com', 'sha256:other'));
}
