import type { Rule } from './types.js';
import { DECISION_NOUNS } from '../governance/record.js';

const rule: Rule = {
  id: 'approval-bad-signature',
  name: 'ApprovalBadSignature',
  description: 'Every decision file is readable and carries a signature that .sdd/allowed_signers verifies for its principal.',
  help: 'Decisions are signed with SSH keys (`ssh-keygen -Y sign`, namespace sdd-approval) over a canonical encoding of the record, and verified against .sdd/allowed_signers. A record whose signature does not verify (edited by hand, forged, or signed by a key not listed for its principal) does not count. Remove the file and have the reviewer decide again with `sdd approve`, or add the reviewer\'s public key to .sdd/allowed_signers. Unsigned records are accepted only with `approvals: {require_signature: false}`.',
  helpMarkdown: 'Invalid: `.sdd/approvals/login/20261122T080000Z-approved-bob-example-com.json` whose `signature` was not made by a key that `.sdd/allowed_signers` lists for bob@example.com.\n\nValid: the same file written by `sdd approve login` with Bob\'s key, and this line in `.sdd/allowed_signers`:\n\n```\nbob@example.com namespaces="sdd-approval" ssh-ed25519 AAAA…\n```',
  defaultSeverity: 'error',
  tags: ['approvals', 'governance', 'security'],
  precision: 'very-high',
  usesGovernance: true,
  check(ctx) {
    const gov = ctx.governance!;
    for (const e of gov.entries) {
      if (e.signature.ok) continue;
      const r = e.record;
      const line = e.invalid ? 1 : e.lines.signature ?? 1;
      ctx.report({
        file: e.file, line, column: 1, key: e.signature.reason,
        message: e.invalid
          ? `Decision file cannot be used: ${e.invalid}`
          : `${DECISION_NOUNS[r!.decision]} by ${r!.principal} does not verify: ${e.signature.message}`,
        fix: e.signature.reason === 'unknown-key' || e.signature.reason === 'no-allowed-signers'
          ? `Add ${r?.principal ?? 'the signer'}'s public key to ${gov.allowedSigners} (\`<email> namespaces="sdd-approval" <key>\`), or remove this file.`
          : e.signature.reason === 'unsigned'
            ? 'Remove the file and decide again with `sdd approve` (which signs), or set `approvals: {require_signature: false}` in .sdd/config.yaml.'
            // The record may well be genuine: only the tool to check it is missing.
            : e.signature.reason === 'ssh-keygen-missing'
              ? 'Install OpenSSH\'s ssh-keygen (e.g. `apt-get install openssh-client`) so that signatures can be checked; keep the file.'
              : 'Remove the file and have the reviewer decide again with `sdd approve` / `sdd reject`.',
      });
    }
  },
};
export default rule;
