import { it } from 'node:test';
import { testRule, assertStableFingerprints } from '../../helpers/rules.js';
import { DRIFT_CONFIG, TAG, loginSpec } from '../../helpers/drift.js';

const id = 'drift-orphaned';
const review = loginSpec('review');

testRule(id, {
  valid: [
    { name: 'tags naming existing specs and requirements', config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'src/a.ts': `// ${TAG} login\n// ${TAG} login/REQ-002\n` } },
    { name: 'no tags at all', config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'src/a.ts': 'export {};\n' } },
    { name: 'node_modules and .sdd are never scanned', config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'node_modules/x/a.js': `// ${TAG} ghost\n`, '.sdd/notes.txt': `# ${TAG} ghost\n` } },
    { name: 'code.exclude leaves files out', config: `${DRIFT_CONFIG}code:\n  exclude: [vendor/**]\n`, specs: { 'login.md': review }, files: { 'vendor/a.ts': `// ${TAG} ghost\n` } },
    { name: 'code.include picks the files', config: `${DRIFT_CONFIG}code:\n  include: [src/**]\n`, specs: { 'login.md': review }, files: { 'docs/a.md': `<!-- ${TAG} ghost -->\n` } },
    { name: 'a bare id in a test name that no spec has is just a name', config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'a.test.ts': "it('HTTP-404 is returned', () => {});\n" } },
    { name: 'binary files are skipped', config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'logo.bin': `\0\0// ${TAG} ghost\n` } },
  ],
  invalid: [
    {
      name: 'an unknown spec, at the tag in the code file',
      config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'src/a.ts': `export {};\n  // ${TAG} logn/REQ-001\n` },
      errors: [{ message: 'logn/REQ-001 names no spec: there is no spec with the id "logn"', line: 2, column: 6, file: 'src/a.ts', severity: 'error' }],
    },
    {
      name: 'a requirement the spec does not have (a renamed id)',
      config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'svc/lock.py': `def lock():\n    # ${TAG} login/REQ-009\n` },
      errors: [{ message: 'login/REQ-009 names no requirement: login has no REQ-009', line: 2, column: 7, file: 'svc/lock.py' }],
    },
    {
      name: 'a deprecated spec',
      config: DRIFT_CONFIG, specs: { 'login.md': loginSpec('deprecated') }, files: { 'db/q.sql': `-- ${TAG} login/REQ-001\nSELECT 1;\n` },
      errors: [{ message: 'login/REQ-001 names login, which is deprecated', line: 1, column: 4, file: 'db/q.sql' }],
    },
    {
      name: 'a test name giving spec and id',
      config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'test/a.test.ts': "it('login/REQ-007 works', () => {});\n" },
      errors: [{ message: 'login/REQ-007 names no requirement', line: 1, column: 5, file: 'test/a.test.ts' }],
    },
    {
      name: 'the same orphaned tag twice in a file: two findings, two fingerprints',
      config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'src/a.ts': `// ${TAG} ghost\n// ${TAG} ghost\n` },
      errors: [{ message: 'ghost names no spec', line: 1, column: 4, file: 'src/a.ts' }, { message: 'ghost names no spec', line: 2, column: 4, file: 'src/a.ts' }],
    },
  ],
});

it('fingerprints stay when code is added above the tag', async () => {
  const files = (prefix: string) => ({ 'src/a.ts': `${prefix}// ${TAG} ghost\n` });
  await assertStableFingerprints(id, { config: DRIFT_CONFIG, specs: { 'login.md': review }, files: files('') }, { config: DRIFT_CONFIG, specs: { 'login.md': review }, files: files('import x from "x";\n\n') });
});
