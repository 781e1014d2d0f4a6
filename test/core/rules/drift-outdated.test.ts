import { testRule } from '../../helpers/rules.js';
import { DRIFT_CONFIG, LOGIN_BODY, TAG, loginSpec } from '../../helpers/drift.js';
import { specInfo } from '../../helpers/governance.js';

const id = 'drift-outdated';
const review = loginSpec('review');
const pin = specInfo(review).contentHash.slice('sha256:'.length, 'sha256:'.length + 8);
const edited = loginSpec('review', [], [...LOGIN_BODY, '- **REQ-003** The system MUST log failures.']);
const reflowed = loginSpec('approved', ['tags: [auth]'], ['# Login', '', '', '## Requirements', '', '-   **REQ-001**   The system MUST', '    log users in.', '- **REQ-002** The system MUST lock accounts.   ']);

// @sdd traceability/DRF-007
testRule(id, {
  valid: [
    { name: 'a pin of the current content', config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'src/a.ts': `// ${TAG} login/REQ-001@${pin}\n` } },
    { name: 'a longer, upper-case pin', config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'src/a.ts': `// ${TAG} login@${specInfo(review).contentHash.slice(7, 27).toUpperCase()}\n` } },
    { name: 'a whitespace-only edit, a status and a tag change keep the pin', config: DRIFT_CONFIG, specs: { 'login.md': reflowed }, files: { 'src/a.ts': `// ${TAG} login/REQ-001@${pin}\n` } },
    { name: 'unpinned tags never go out of date', config: DRIFT_CONFIG, specs: { 'login.md': edited }, files: { 'src/a.ts': `// ${TAG} login/REQ-001\n` } },
  ],
  invalid: [
    {
      name: 'the spec was edited after the code was pinned to it',
      config: DRIFT_CONFIG, specs: { 'login.md': edited }, files: { 'src/a.py': `x = 1\n# ${TAG} login/REQ-001@${pin}\n` },
      errors: [{ message: `login/REQ-001 is pinned to @${pin}, but login has changed since (now @${specInfo(edited).contentHash.slice(7, 15)})`, line: 2, column: 3, file: 'src/a.py', severity: 'warn' }],
    },
    {
      name: 'a pin the spec never had',
      config: DRIFT_CONFIG, specs: { 'login.md': review }, files: { 'q.sql': `-- ${TAG} login@0000\n` },
      errors: [{ message: 'login is pinned to @0000', line: 1, column: 4, file: 'q.sql' }],
    },
  ],
});
