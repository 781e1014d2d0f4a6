import { testRule } from '../../helpers/rules.js';
import { DRIFT_CONFIG, approvedBy, loginSpec, sessionSpec } from '../../helpers/drift.js';
import { record, recordFiles, unsigned } from '../../helpers/governance.js';

const id = 'drift-suspect';
const login = loginSpec('approved', ['depends_on: [session]']);
const oldSession = sessionSpec('approved', 'hour');
const newSession = sessionSpec('approved', 'day');
const acceptance = (of: string, deps: string[]) => recordFiles(unsigned(record({ of, deps, principal: 'carol@example.com', decision: 'code_accepted' })));

// @sdd traceability/DRF-007, traceability/DRF-006
testRule(id, {
  valid: [
    { name: 'the dependency is as it was when approved', config: DRIFT_CONFIG, specs: { 'login.md': login, 'session.md': oldSession }, files: approvedBy(login, { deps: [oldSession] }) },
    {
      name: 'the code was accepted after the dependency changed',
      config: DRIFT_CONFIG, specs: { 'login.md': login, 'session.md': newSession },
      files: { ...approvedBy(login, { deps: [oldSession] }), ...acceptance(login, [newSession]) },
    },
    { name: 'no approval: nothing to measure from (approval-missing reports it)', config: DRIFT_CONFIG, specs: { 'login.md': login, 'session.md': newSession } },
  ],
  invalid: [
    {
      name: 'the dependency changed since the approval, at its depends_on entry',
      config: DRIFT_CONFIG, specs: { 'login.md': login, 'session.md': newSession }, files: approvedBy(login, { deps: [oldSession] }),
      errors: [{ message: 'Dependency "session" changed since the code of login was last approved', line: 7, column: 14, file: '.sdd/specs/login.md', severity: 'warn' }],
    },
    {
      name: 'an acceptance older than the change does not help',
      config: DRIFT_CONFIG, specs: { 'login.md': login, 'session.md': newSession },
      files: { ...acceptance(login, [oldSession]), ...approvedBy(login, { deps: [oldSession] }) },
      errors: [{ message: 'changed since the code of login was last approved', line: 7, column: 14, file: '.sdd/specs/login.md' }],
    },
  ],
});
