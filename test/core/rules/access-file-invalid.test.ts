import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';
import { ACCESS } from '../../helpers/governance.js';

const id = 'access-file-invalid';
const spec = { 'login.md': md(['id: login', 'title: Login', 'status: draft', 'domain: core']) };
const file = '.sdd/access.yml';
const access = (...lines: string[]) => ({ specs: spec, files: { [file]: lines.join('\n') + '\n' } });

testRule(id, {
  valid: [
    { name: 'the shared fixture: org admins, teams, domains', ...access(ACCESS) },
    { name: 'no access.yml', specs: spec },
    { name: 'an empty file', ...access('') },
    { name: 'only comments', ...access('# nobody may approve yet') },
    { name: 'version, a top-level quorum and a per-domain quorum', ...access('version: 1', 'quorum: 2', 'domains:', '  core:', '    reviewers: [bob@example.com]', '    quorum: 1') },
    { name: 'a domain with no people yet', ...access('domains:', '  core:') },
    { name: 'block lists, mixed-case emails and a team used before its definition', ...access('org_admins:', '  - "@admins"', 'teams:', '  "@admins":', '    - Olga@Example.com', 'domains:', '  core:', '    viewers: [vic@example.com]') },
    { name: 'severity off', severity: 'off', ...access('quorum: none') },
  ],
  invalid: [
    {
      name: 'malformed YAML',
      ...access('domains:', '  core: [bob@example.com'),
      errors: [{ message: 'Malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]', line: 3, column: 1, file, severity: 'error' }],
    },
    {
      name: 'a duplicated key is malformed YAML',
      ...access('quorum: 1', 'quorum: 2'),
      errors: [{ message: 'Malformed YAML: Map keys must be unique', line: 2, column: 1, file }],
    },
    { name: 'not a mapping', ...access('- bob@example.com'), errors: [{ message: 'access.yml is not a mapping', line: 1, column: 1, file }] },
    { name: 'an unknown top-level key (a typo)', ...access('quorum: 1', 'org_admin: [olga@example.com]'), errors: [{ message: 'Unknown key `org_admin`', line: 2, column: 1, file }] },
    {
      name: 'quorums that are not whole numbers of at least 1',
      ...access('quorum: 0', 'domains:', '  core:', '    quorum: two', '  web:', '    quorum: 1.5'),
      errors: [
        { message: '`quorum` must be a whole number of at least 1, got 0', line: 1, column: 1, file },
        { message: '`quorum` must be a whole number of at least 1, got "two"', line: 4, column: 5, file },
        { message: 'got 1.5', line: 6, column: 5, file },
      ],
    },
    { name: '`teams` is not a mapping', ...access('teams: ["@core"]'), errors: [{ message: '`teams` must map team names to lists of emails', line: 1, column: 1, file }] },
    {
      name: 'a team name without @, a member that is not an email, a team that is not a list',
      ...access('teams:', '  core-reviewers: [bob@example.com, bob]', '  "@web": wendy@example.com'),
      errors: [
        { message: 'Team name `core-reviewers` must start with @', line: 2, column: 3, file },
        { message: '"bob" is not an email address', line: 2, column: 37, file },
        { message: '`@web` must be a list', line: 3, column: 3, file },
      ],
    },
    { name: 'a team inside a team', ...access('teams:', '  "@all": ["@core"]', '  "@core": [bob@example.com]'), errors: [{ message: '"@core" is not an email address', line: 2, column: 12, file }] },
    {
      name: 'a reference to a team that is not defined (a typo)',
      ...access('teams:', '  "@core-reviewers": [bob@example.com]', 'domains:', '  core:', '    reviewers: [carol@example.com, "@core-reviewer"]'),
      errors: [{ message: 'Team `@core-reviewer` is not defined under `teams:`', line: 5, column: 36, file }],
    },
    { name: 'an undefined team among the org admins', ...access('org_admins: ["@admins"]'), errors: [{ message: 'Team `@admins` is not defined', line: 1, column: 14, file }] },
    {
      name: 'principals that are not email addresses',
      ...access('org_admins: [olga, "Olga <olga@example.com>", 3]'),
      errors: [
        { message: '"olga" is not an email address or an @team', line: 1, column: 14, file },
        { message: '"Olga <olga@example.com>" is not an email address or an @team', line: 1, column: 20, file },
        { message: '3 is not an email address or an @team', line: 1, column: 47, file },
      ],
    },
    { name: 'a single email instead of a list', ...access('org_admins: olga@example.com'), errors: [{ message: '`org_admins` must be a list', line: 1, column: 1, file }] },
    { name: '`domains` is not a mapping', ...access('domains: core'), errors: [{ message: '`domains` must map domain names to their people', line: 1, column: 1, file }] },
    {
      name: 'a domain that is a list, and a misspelt role in another',
      ...access('domains:', '  core: [bob@example.com]', '  web:', '    reviwers: [wendy@example.com]'),
      errors: [
        { message: 'Domain `core` must be a mapping', line: 2, column: 3, file },
        { message: 'Unknown key `reviwers` in domain `web`', line: 4, column: 5, file },
      ],
    },
    {
      name: 'every role list is checked',
      ...access('domains:', '  core:', '    admins: [erin]', '    reviewers: [bob]', '    contributors: [dan]', '    viewers: [vic]'),
      errors: [
        { message: '"erin" is not an email address', line: 3, column: 14, file },
        { message: '"bob" is not an email address', line: 4, column: 17, file },
        { message: '"dan" is not an email address', line: 5, column: 20, file },
        { message: '"vic" is not an email address', line: 6, column: 15, file },
      ],
    },
  ],
});

it('access-file-invalid: fingerprints survive lines added above', () => assertStableFingerprints(id,
  access('domains:', '  core:', '    reviewers: ["@core-reviewer"]', '    quorum: two'),
  access('# who may approve what', 'org_admins: [olga@example.com]', 'domains:', '  core:', '    admins: [erin@example.com]', '    reviewers: ["@core-reviewer"]', '    quorum: two')));
