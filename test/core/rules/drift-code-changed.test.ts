import { testRule } from '../../helpers/rules.js';
import { DRIFT_CONFIG, TAG, approvedBy, committedRepo, loginSpec } from '../../helpers/drift.js';
import { record, recordFiles, unsigned } from '../../helpers/governance.js';

const id = 'drift-code-changed';
const approved = loginSpec('approved', ['code: [src/auth/**]']);
const code = { 'src/login.ts': `// ${TAG} login/REQ-001\nexport const v = 1;\n`, 'src/auth/session.ts': 'export const s = 1;\n', 'src/other.ts': 'export const o = 1;\n' };

/** A repository where `approved` and its code are committed; `changes` are made afterwards, uncommitted. */
function repoAfterApproval(opts: { accepted?: boolean } = {}) {
  const { root, head } = committedRepo({ '.sdd/config.yaml': DRIFT_CONFIG, '.sdd/specs/login.md': approved, ...code });
  const files = approvedBy(approved, { commit: head });
  if (opts.accepted) Object.assign(files, recordFiles(unsigned(record({ of: approved, principal: 'carol@example.com', decision: 'code_accepted', commit: head }))));
  return { root, head, files };
}

const a = repoAfterApproval();
const b = repoAfterApproval();
const c = repoAfterApproval();
const d = repoAfterApproval();
const f = repoAfterApproval();
const short = (h: string) => h.slice(0, 7);

// @sdd traceability/DRF-007, traceability/DRF-005
testRule(id, {
  valid: [
    { name: 'nothing changed since the approval', root: f.root, specs: { 'login.md': approved }, files: f.files },
    { name: 'an unrelated file changed', root: a.root, specs: { 'login.md': approved }, files: { ...a.files, 'src/other.ts': 'export const o = 2;\n' } },
    { name: 'outside git there is nothing to compare with', config: DRIFT_CONFIG, specs: { 'login.md': approved }, files: { ...approvedBy(approved, { commit: 'f'.repeat(40) }), 'src/login.ts': code['src/login.ts'] } },
    { name: 'a spec in review is not held to its code', root: b.root, specs: { 'login.md': loginSpec('review', ['code: [src/auth/**]']) }, files: { 'src/login.ts': 'changed\n// ' + TAG + ' login/REQ-001\n' } },
  ],
  invalid: [
    {
      name: 'implementing code changed: at the requirement; governed code: at code:',
      root: c.root, specs: { 'login.md': approved },
      files: { ...c.files, 'src/login.ts': `// ${TAG} login/REQ-001\nexport const v = 2;\n`, 'src/auth/session.ts': 'export const s = 2;\n', 'src/auth/new.ts': 'new\n' },
      errors: [
        { message: `Code governed by login changed since the approval at ${short(c.head)}: src/auth/new.ts, src/auth/session.ts`, line: 7, column: 1, severity: 'warn' },
        { message: `Code implementing REQ-001 changed since the approval at ${short(c.head)}: src/login.ts`, line: 13, column: 5 },
      ],
    },
    {
      name: 'the approval names a commit this repository does not have',
      root: d.root, specs: { 'login.md': approved }, files: { ...approvedBy(approved, { commit: 'f'.repeat(40) }) },
      errors: [
        { message: 'Code governed by login cannot be compared with its approval, because commit ffffffffffff is missing from this repository', line: 7, column: 1 },
        { message: 'Code implementing REQ-001 cannot be compared', line: 13, column: 5 },
      ],
    },
  ],
});

const e = repoAfterApproval({ accepted: true });
// @sdd traceability/DRF-006
testRule(`${id}`, {
  valid: [{ name: 'an acceptance at the same commit: still nothing changed', root: e.root, specs: { 'login.md': approved }, files: e.files }],
  invalid: [],
});
