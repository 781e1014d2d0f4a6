import type { Rule } from './types.js';
import { reportTags } from '../drift/rules-support.js';
import { shortHash } from '../drift/analyse.js';

// @sdd traceability/DRF-007
const rule: Rule = {
  id: 'drift-outdated',
  name: 'DriftOutdated',
  description: 'A tag pinned to a version of a spec (`@sdd <id>/<REQ>@<hash>`) matches the spec\'s current content hash.',
  help: 'A pin (`@sdd login/REQ-001@3f9a1c2e`) says the code was written against that version of the spec: the prefix of its semantic content hash, which `sdd trace <id>` prints. When the spec\'s content changes (a real edit, not reformatting), the pin no longer matches and the code must be checked against the new text. Check it, then update the pin to the current hash. The finding is at the tag\'s line in the code file.',
  helpMarkdown: 'Invalid: the tag is pinned to an older version of `login`:\n\n```py\n# @sdd login/REQ-001@0badc0de\n```\n\nValid: after checking the code against the change (`sdd diff login`), the pin names the current version:\n\n```py\n# @sdd login/REQ-001@3f9a1c2e\n```',
  defaultSeverity: 'warn',
  tags: ['drift', 'traceability'],
  precision: 'very-high',
  usesGovernance: true,
  usesDrift: true,
  check(ctx) {
    reportTags(ctx, 'outdated', (t) => {
      const spec = ctx.byId.get(t.spec!)?.[0];
      return spec
        ? `Check the code against what changed (\`sdd diff ${spec.id}\`), then update the pin to @${shortHash(spec)}.`
        : 'Check the code against the spec and update the pin (`sdd trace <id>` prints the current one).';
    });
  },
};
export default rule;
