import { it } from 'node:test';
import { testRule, assertStableFingerprints } from '../../helpers/rules.js';
import { DRIFT_CONFIG, TAG, approvedBy, loginSpec } from '../../helpers/drift.js';

const id = 'drift-uncovered';
const approved = loginSpec('approved');
const both = { 'src/login.ts': `// ${TAG} login/REQ-001\n// ${TAG} login/REQ-002\n` };

// @sdd traceability/DRF-007
testRule(id, {
  valid: [
    { name: 'every requirement is tagged in the code', config: DRIFT_CONFIG, specs: { 'login.md': approved }, files: { ...approvedBy(approved), ...both } },
    { name: 'tags across languages and files count', config: DRIFT_CONFIG, specs: { 'login.md': approved }, files: { 'a.py': `# ${TAG} login/REQ-001\n`, 'b.sql': `-- ${TAG} login/REQ-002\n` } },
    { name: 'a spec in review owes no code yet', config: DRIFT_CONFIG, specs: { 'login.md': loginSpec('review') } },
    { name: 'a draft owes no code yet', config: DRIFT_CONFIG, specs: { 'login.md': loginSpec('draft') } },
    { name: 'a deprecated spec is not traced', config: DRIFT_CONFIG, specs: { 'login.md': loginSpec('deprecated') } },
    { name: 'severity off', config: `${DRIFT_CONFIG}rules:\n  ${id}: off\n`, specs: { 'login.md': approved } },
  ],
  invalid: [
    {
      name: 'an approved spec without any code: each requirement at its line',
      config: DRIFT_CONFIG, specs: { 'login.md': approved },
      errors: [
        { message: 'REQ-001 of approved spec login has no implementing code', line: 12, column: 5, severity: 'warn' },
        { message: 'REQ-002 of approved spec login has no implementing code', line: 13, column: 5 },
      ],
    },
    {
      name: 'an implemented spec with one requirement untagged',
      config: DRIFT_CONFIG, specs: { 'login.md': loginSpec('implemented') }, files: { 'src/login.ts': `// ${TAG} login/REQ-001\n` },
      errors: [{ message: 'REQ-002 of implemented spec login has no implementing code', line: 13, column: 5 }],
    },
    {
      name: 'only a test names it: a test is not an implementation',
      config: DRIFT_CONFIG, specs: { 'login.md': approved }, files: { 'src/login.ts': `// ${TAG} login/REQ-001\n`, 'test/login.test.ts': `// ${TAG} login/REQ-002\n` },
      errors: [{ message: 'REQ-002', line: 13, column: 5 }],
    },
    {
      name: 'a tag of the whole spec does not cover its requirements',
      config: DRIFT_CONFIG, specs: { 'login.md': approved }, files: { 'src/login.ts': `// ${TAG} login\n// ${TAG} login/REQ-002\n` },
      errors: [{ message: 'REQ-001', line: 12, column: 5 }],
    },
    {
      name: 'a tag outside a comment does not count',
      config: DRIFT_CONFIG, specs: { 'login.md': approved }, files: { 'src/login.ts': `const s = "${TAG} login/REQ-001";\n// ${TAG} login/REQ-002\n` },
      errors: [{ message: 'REQ-001', line: 12, column: 5 }],
    },
  ],
});

it('fingerprints stay when lines are added above the requirements', async () => {
  const moved = loginSpec('approved', ['tags: [auth]']);
  await assertStableFingerprints(id, { config: DRIFT_CONFIG, specs: { 'login.md': approved } }, { config: DRIFT_CONFIG, specs: { 'login.md': moved } });
});
