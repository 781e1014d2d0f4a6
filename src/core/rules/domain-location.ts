import { relativePath } from '../project/paths.js';
import type { Rule } from './types.js';

const rule: Rule = {
  id: 'domain-location',
  name: 'DomainLocation',
  description: 'A spec with a domain lives where the project layout puts that domain.',
  help: 'When folders and `domain` disagree, people browsing .sdd/specs/ and tools reading front matter see two different structures. With option `layout: domain-folder` (the default) a spec with `domain: auth` lives under .sdd/specs/auth/ (at any depth below it); with `layout: flat` specs sit directly in .sdd/specs/ and the domain lives only in front matter. Move the file (git mv keeps its history) or correct `domain`. Specs without a domain are not checked.',
  helpMarkdown: 'Invalid (layout `domain-folder`): `.sdd/specs/billing/login.md` with\n\n```yaml\nid: login\ndomain: auth\n```\n\nValid: the same file at `.sdd/specs/auth/login.md`:\n\n```yaml\nid: login\ndomain: auth\n```',
  defaultSeverity: 'warn',
  optionsSchema: {
    type: 'object',
    properties: {
      layout: { enum: ['domain-folder', 'flat'], description: 'domain-folder: .sdd/specs/<domain>/…; flat: every spec directly in .sdd/specs/.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { layout: 'domain-folder' },
  tags: ['structure', 'layout'],
  precision: 'very-high',
  check(ctx) {
    const specsDir = relativePath(ctx.paths.root, ctx.paths.specsDir);
    const flat = ctx.options.layout === 'flat';
    for (const spec of ctx.specs) {
      const domain = spec.domain?.trim();
      if (!domain || !spec.file.startsWith(`${specsDir}/`)) continue;
      const segments = spec.file.slice(specsDir.length + 1).split('/');
      const folder = segments.length > 1 ? segments[0] : null;
      const fileName = segments[segments.length - 1];
      let message: string;
      let target: string;
      if (flat) {
        if (folder === null) continue;
        message = `Spec is in ${specsDir}/${segments.slice(0, -1).join('/')}/, but the flat layout keeps specs directly in ${specsDir}/`;
        target = `${specsDir}/${fileName}`;
      } else {
        if (folder === domain) continue;
        message = folder === null
          ? `Spec has domain "${domain}" but is not in ${specsDir}/${domain}/`
          : `Spec has domain "${domain}" but is in ${specsDir}/${folder}/`;
        target = `${specsDir}/${domain}/${folder === null ? fileName : segments.slice(1).join('/')}`;
      }
      const pos = ctx.locate(spec, ['domain']);
      ctx.report({
        spec, line: pos.line, column: pos.column, key: `${ctx.options.layout}:${domain}`, message,
        fix: `Move the file to ${target} (git mv keeps its history), or correct \`domain\`.`,
      });
    }
  },
};
export default rule;
