import { testRule } from '../../helpers/rules.js';
import { DRIFT_CONFIG, TAG, TESTS_CONFIG, loginSpec } from '../../helpers/drift.js';

const id = 'drift-untested';
const approved = loginSpec('approved');
const impl = { 'src/login.ts': `// ${TAG} login/REQ-001\n// ${TAG} login/REQ-002\n` };

testRule(id, {
  valid: [
    { name: 'tests are not required by default', config: DRIFT_CONFIG, specs: { 'login.md': approved }, files: impl },
    {
      name: 'a tag in a test file and a test named after the requirement',
      config: TESTS_CONFIG, specs: { 'login.md': approved },
      files: { ...impl, 'test/login.test.ts': `// ${TAG} login/REQ-001\nit('REQ-002 locks the account', () => {});\n` },
    },
    { name: 'role=test anywhere', config: TESTS_CONFIG, specs: { 'login.md': approved }, files: { ...impl, 'src/check.go': `// ${TAG} login/REQ-001, login/REQ-002 role=test\n` } },
    { name: 'a Go test name with spec and id', config: TESTS_CONFIG, specs: { 'login.md': approved }, files: { ...impl, 'login_test.go': 't.Run("login/REQ-001 ok", f)\nt.Run("login/REQ-002 ok", f)\n' } },
    {
      name: 'a bare id in a test name goes to the spec tagged in the same file, even when another spec has it too',
      config: TESTS_CONFIG, specs: { 'login.md': approved, 'signup.md': loginSpec('draft').replace('id: login', 'id: signup') },
      files: { ...impl, 'test/x.test.ts': `it('REQ-001 works', () => {});\n// ${TAG} login/REQ-002\n` },
    },
    { name: 'an unimplemented requirement is uncovered, not untested', config: TESTS_CONFIG, specs: { 'login.md': approved } },
    { name: 'a spec in review owes no tests yet', config: TESTS_CONFIG, specs: { 'login.md': loginSpec('review') }, files: impl },
  ],
  invalid: [
    {
      name: 'implemented but not tested, with drift.require_tests',
      config: TESTS_CONFIG, specs: { 'login.md': approved }, files: { ...impl, 'test/login.test.ts': `it('REQ-001 logs in', () => {});\n` },
      errors: [{ message: 'REQ-002 of approved spec login is implemented but has no test', line: 13, column: 5, severity: 'warn' }],
    },
    {
      name: 'a test name that is ambiguous between two specs does not count',
      config: TESTS_CONFIG,
      specs: { 'login.md': approved, 'signup.md': loginSpec('draft').replace('id: login', 'id: signup') },
      files: { ...impl, 'test/x.test.ts': `it('REQ-001 works', () => {});\n`, 'test/y.test.ts': `// ${TAG} login/REQ-002\n` },
      errors: [{ message: 'REQ-001 of approved spec login', line: 12, column: 5, file: '.sdd/specs/login.md' }],
    },
  ],
});
