import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'constitution-version';
const constitution = (version: string) => ({ '.sdd/constitution.md': `---\nversion: ${version}\ntitle: Principles\n---\n# Principles\n` });

testRule(id, {
  valid: [
    { name: 'the same version', files: constitution('1.1.0'), specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'constitution_version: 1.1.0']) } },
    { name: 'a spec that declares no version', files: constitution('1.1.0'), specs: { 'a.md': md(['id: a', 'title: A', 'status: approved']) } },
    { name: 'no constitution', specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'constitution_version: 0.9.0']) } },
    {
      name: 'a constitution without a version',
      files: { '.sdd/constitution.md': '---\ntitle: Principles\n---\n# Principles\n' },
      specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'constitution_version: 0.9.0']) },
    },
    { name: 'a quoted version', files: constitution('"2.0"'), specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', "constitution_version: '2.0'"]) } },
    { name: 'required_from: a draft is not required', options: { required_from: ['approved'] }, files: constitution('1.1.0'), specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']) } },
    { name: 'required_from without a constitution version', options: { required_from: ['approved'] }, specs: { 'a.md': md(['id: a', 'title: A', 'status: approved']) } },
  ],
  invalid: [
    {
      name: 'an older version, at the constitution_version key',
      files: constitution('1.1.0'),
      specs: { 'a.md': md(['id: a', 'title: A', 'status: approved', 'constitution_version: 1.0.0', 'owner: ana@example.com']) },
      errors: [{ message: 'constitution_version is "1.0.0", but .sdd/constitution.md is at version "1.1.0"', line: 5, column: 1, severity: 'warn' }],
    },
    {
      name: 'versions compare as text',
      files: constitution('"1.0.0"'),
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'constitution_version: "1.0"']) },
      errors: [{ message: 'is "1.0", but', line: 5, column: 1 }],
    },
    {
      name: 'a YAML spec',
      files: constitution('2.0.0'),
      specs: { 'a.yaml': 'id: a\nconstitution_version: 1.0.0\ntitle: A\nstatus: draft\n' },
      errors: [{ message: 'version "2.0.0"', line: 2, column: 1 }],
    },
    {
      name: 'required_from: a missing version is reported at status',
      options: { required_from: ['approved', 'implemented'] },
      files: constitution('1.1.0'),
      specs: { 'a.md': md(['id: a', 'title: A', 'status: implemented']) },
      errors: [{ message: 'A spec with status "implemented" must declare constitution_version (the constitution is at version "1.1.0")', line: 4, column: 1 }],
    },
    {
      name: 'an unknown status in required_from is a config error',
      config: 'version: 1\nrules:\n  constitution-version:\n    options:\n      required_from:\n        - approved\n        - done\n',
      specs: { 'a.md': md(['id: a', 'title: A', 'status: draft']) },
      errors: [{ ruleId: 'config-schema', message: '`required_from.1` must be equal to one of the allowed values', line: 7, column: 11 }],
    },
  ],
});

it('constitution-version: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { files: constitution('2.0.0'), specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'constitution_version: 1.0.0']) } },
  { files: constitution('2.0.0'), specs: { 'a.md': md(['id: a', 'title: A', 'status: draft', 'tags: [x]', 'constitution_version: 1.0.0']) } }));
