import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';

const id = 'naming-convention';
const titled = (title: string) => ({ 'a.md': md(['id: a', `title: ${title}`, 'status: draft']) });

testRule(id, {
  valid: [
    { name: 'a slug id and a short title', specs: { 'a.md': md(['id: user-login-2', 'title: User Login With Passwords', 'status: draft']) } },
    { name: 'a title of exactly the maximum length', specs: titled('x'.repeat(80)) },
    { name: 'an ellipsis is not a trailing period', specs: titled('Later...') },
    { name: 'sentence case', options: { title_case: 'sentence' }, specs: titled('Sign in with OAuth and API keys') },
    { name: 'sentence case: a capital after a colon', options: { title_case: 'sentence' }, specs: titled('"Login: Two factors"') },
    { name: 'sentence case: lower case after a colon', options: { title_case: 'sentence' }, specs: titled('"Login: two factors"') },
    { name: 'sentence case: a leading number and the pronoun I', options: { title_case: 'sentence' }, specs: titled('2 ways I sign in') },
    { name: 'sentence case: a name with inner capitals first', options: { title_case: 'sentence' }, specs: titled('iOS push tokens') },
    { name: 'title case', options: { title_case: 'title' }, specs: titled('The Lord of the Rings and a Way In') },
    { name: 'title case: a capitalised minor word after a colon', options: { title_case: 'title' }, specs: titled('"Auth: The Sign-in Flow"') },
    { name: 'a trailing period when allowed', options: { title_no_trailing_period: false }, specs: titled('Sign in.') },
    { name: 'option id_pattern', options: { id_pattern: '^[a-z]+-[0-9]{3}$' }, specs: { 'a.md': md(['id: auth-001', 'title: A', 'status: draft']) } },
    { name: 'a missing title is spec-schema\'s business', specs: { 'a.md': md(['id: a', 'status: draft']) } },
  ],
  invalid: [
    {
      name: 'an id that is not a slug, at the id key',
      specs: { 'a.md': md(['title: A', 'id: User_Login', 'status: draft']) },
      errors: [{ message: 'Spec id "User_Login" does not match the naming pattern ^[a-z0-9]+(-[a-z0-9]+)*$', line: 3, column: 1, severity: 'warn' }],
    },
    {
      name: 'a title that is too long, at the title key',
      specs: titled('x'.repeat(81)),
      errors: [{ message: 'Title is 81 characters long; the limit is 80', line: 3, column: 1 }],
    },
    {
      name: 'a title that ends with a period',
      specs: titled('Sign in.'),
      errors: [{ message: 'Title ends with a period', line: 3, column: 1 }],
    },
    {
      name: 'sentence case: a capitalised word',
      options: { title_case: 'sentence' },
      specs: titled('OAuth Login'),
      errors: [{ message: 'Title is not in sentence case: "Login" should be "login"', line: 3, column: 1 }],
    },
    {
      name: 'sentence case: a lower-case first word',
      options: { title_case: 'sentence' },
      specs: titled('user login'),
      errors: [{ message: '"user" should be "User"', line: 3, column: 1 }],
    },
    {
      name: 'title case: a lower-case word',
      options: { title_case: 'title' },
      specs: titled('Sign in using Passwords'),
      errors: [{ message: 'Title is not in title case: "using" should be "Using"', line: 3, column: 1 }],
    },
    {
      name: 'title case: a capitalised minor word in the middle',
      options: { title_case: 'title' },
      specs: titled('Sign in With Passwords'),
      errors: [{ message: '"With" should be "with"', line: 3, column: 1 }],
    },
    {
      name: 'title case: the last word is capitalised even when minor',
      options: { title_case: 'title' },
      specs: titled('What to Sign in'),
      errors: [{ message: '"in" should be "In"', line: 3, column: 1 }],
    },
    {
      name: 'several problems with one title, one finding each',
      options: { title_max_length: 10, title_case: 'sentence' },
      specs: titled('Sign In Now Please.'),
      errors: [
        { message: 'Title ends with a period', line: 3, column: 1 },
        { message: 'Title is 19 characters long; the limit is 10', line: 3, column: 1 },
        { message: '"In" should be "in"', line: 3, column: 1 },
      ],
    },
    {
      name: 'option id_pattern',
      options: { id_pattern: '^[a-z]+-[0-9]{3}$' },
      specs: { 'a.yaml': 'title: A\nstatus: draft\nid: auth\n' },
      errors: [{ message: 'Spec id "auth" does not match the naming pattern ^[a-z]+-[0-9]{3}$', line: 3, column: 1 }],
    },
    {
      name: 'an invalid id_pattern is reported at its line in the config; title checks still run',
      config: 'version: 1\nrules:\n  naming-convention:\n    options:\n      id_pattern: "(["\n',
      specs: titled('Sign in.'),
      errors: [
        { message: 'Option `id_pattern` of rule `naming-convention` is not a valid regular expression', line: 5, column: 7, file: '.sdd/config.yaml' },
        { message: 'Title ends with a period', line: 3, column: 1, file: '.sdd/specs/a.md' },
      ],
    },
    {
      name: 'an unknown title_case is a config error',
      config: 'version: 1\nrules:\n  naming-convention:\n    options:\n      title_case: upper\n      title_max_length: 0\n',
      specs: titled('A'),
      errors: [
        { ruleId: 'config-schema', message: '`title_case` must be equal to one of the allowed values', line: 5, column: 7 },
        { ruleId: 'config-schema', message: '`title_max_length` must be >= 1', line: 6, column: 7 },
      ],
    },
  ],
});

it('naming-convention: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'a.md': md(['id: A', 'title: Sign in.', 'status: draft']) } },
  { specs: { 'a.md': md(['status: draft', 'id: A', 'owner: x', 'title: Sign in.']) } }));
