import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'domain-location';
const withDomain = (domain: string) => md(['id: login', 'title: Login', 'status: draft', `domain: ${domain}`]);
const noDomain = md(['id: login', 'title: Login', 'status: draft']);

testRule(id, {
  valid: [
    { name: 'a spec in its domain folder', specs: { 'auth/login.md': withDomain('auth') } },
    { name: 'deeper inside its domain folder', specs: { 'auth/sessions/login.md': withDomain('auth') } },
    { name: 'a spec without a domain, at the top', specs: { 'login.md': noDomain } },
    { name: 'a spec without a domain, in a folder', specs: { 'billing/login.md': noDomain } },
    { name: 'a YAML spec in its domain folder', specs: { 'auth/login.yaml': 'id: login\ntitle: Login\nstatus: draft\ndomain: auth\n' } },
    { name: 'flat layout: a spec at the top', options: { layout: 'flat' }, specs: { 'login.md': withDomain('auth') } },
    { name: 'flat layout: a spec without a domain in a folder', options: { layout: 'flat' }, specs: { 'misc/login.md': noDomain } },
  ],
  invalid: [
    {
      name: 'a spec with a domain at the top, at the domain key',
      specs: { 'login.md': withDomain('auth') },
      errors: [{ message: 'Spec has domain "auth" but is not in .sdd/specs/auth/', line: 5, column: 1, severity: 'warn' }],
    },
    {
      name: 'a spec in another domain\'s folder',
      specs: { 'billing/sub/login.md': withDomain('auth') },
      errors: [{ message: 'Spec has domain "auth" but is in .sdd/specs/billing/', line: 5, column: 1 }],
    },
    {
      name: 'a folder named like the domain but deeper does not count',
      specs: { 'misc/auth/login.md': withDomain('auth') },
      errors: [{ message: 'but is in .sdd/specs/misc/', line: 5, column: 1 }],
    },
    {
      name: 'a YAML spec',
      specs: { 'login.yaml': 'id: login\ndomain: auth\ntitle: Login\nstatus: draft\n' },
      errors: [{ message: 'domain "auth"', line: 2, column: 1 }],
    },
    {
      name: 'flat layout: a spec in a folder',
      options: { layout: 'flat' },
      specs: { 'auth/login.md': withDomain('auth') },
      errors: [{ message: 'Spec is in .sdd/specs/auth/, but the flat layout keeps specs directly in .sdd/specs/', line: 5, column: 1 }],
    },
    {
      name: 'an unknown layout is a config error',
      config: 'version: 1\nrules:\n  domain-location:\n    options:\n      layout: nested\n      enabled: true\n',
      specs: { 'auth/login.md': withDomain('auth') },
      errors: [
        { ruleId: 'config-schema', message: '`layout` must be equal to one of the allowed values', line: 5, column: 7 },
        { ruleId: 'config-schema', message: 'must NOT have additional properties `enabled`', line: 6, column: 7 },
      ],
    },
  ],
});

it('domain-location: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'login.md': withDomain('auth') } },
  { specs: { 'login.md': md(['id: login', 'title: Login', 'status: draft', 'tags: [x]', 'domain: auth']) } }));
