import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml12 } from 'yaml';
import { yamlScalar } from '../../../src/core/shared/yaml-scalar.js';
import { renderTemplate, slugify, loadTemplate, templateNames, SLUG_RE, BUILT_IN_TEMPLATES } from '../../../src/core/project/templates.js';
import { loadYaml } from '../../../src/core/shared/yaml.js';
import { parseSpec } from '../../../src/core/spec/parse.js';
import { projectPaths } from '../../../src/core/project/paths.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { makeTempDir } from '../../helpers/cli.js';

const TEMPLATE = {
  displayFile: '.sdd/templates/spec.md',
  text: [
    '---',
    'id: {{id}}',
    'title: {{title}}',
    'status: draft',
    'phase: {{phase}}',
    'domain: {{domain}}',
    'depends_on: {{depends_on}}',
    'created: {{date}}',
    '---',
    '# {{title}}',
    '',
    'Domain: {{domain}}. Depends on: {{depends_on}}. Phase {{ phase }}.',
    '',
  ].join('\n'),
};

const VARS = { id: 'user-login', title: 'User login', phase: 2, domain: 'auth', depends_on: ['accounts', 'sessions'], date: '2024-05-17' };

function frontMatter(text: string): Record<string, unknown> {
  const r = parseSpec('x.md', text);
  if (!r.ok) assert.fail(`rendered template does not parse: ${r.problem.message}\n${text}`);
  return r.spec.data;
}

describe('renderTemplate', () => {
  it('fills front matter with YAML values and the body with plain text', () => {
    const out = renderTemplate(TEMPLATE, VARS);
    assert.deepEqual(frontMatter(out), {
      id: 'user-login', title: 'User login', status: 'draft', phase: 2, domain: 'auth', depends_on: ['accounts', 'sessions'], created: '2024-05-17',
    });
    assert.match(out, /^# User login$/m);
    assert.match(out, /^Domain: auth\. Depends on: accounts, sessions\. Phase 2\.$/m);
  });

  it('drops a front-matter line whose only value is null or empty, but keeps body text', () => {
    const out = renderTemplate(TEMPLATE, { ...VARS, phase: null, domain: '' });
    const data = frontMatter(out);
    assert.ok(!('phase' in data), out);
    assert.ok(!('domain' in data), out);
    assert.match(out, /^Domain: \. Depends on: accounts, sessions\. Phase \.$/m);
  });

  it('renders an empty list as an empty flow sequence', () => {
    assert.deepEqual(frontMatter(renderTemplate(TEMPLATE, { ...VARS, depends_on: [] })).depends_on, []);
  });

  const awkwardTitles = [
    'Auth: login & logout',
    'Say "hello"',
    "O'Brien's spec",
    'Issue #42',
    '- leading dash',
    '[bracketed]',
    '{braced}',
    'yes',
    'null',
    'true',
    '123',
    '2024-05-17',
    '*star',
    '&anchor',
    '!tag',
    '% percent',
    '@at',
    '`tick`',
    '| pipe',
    '> gt',
    '? question',
    'trailing colon:',
    'tab\there',
    'Ünïcødé — ✓',
    '  padded  ',
  ];
  for (const title of awkwardTitles) {
    it(`keeps the title ${JSON.stringify(title)} intact in the front matter`, () => {
      assert.equal(frontMatter(renderTemplate(TEMPLATE, { ...VARS, title })).title, title);
    });
  }

  it('keeps any printable title intact (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (title) => {
      const data = frontMatter(renderTemplate(TEMPLATE, { ...VARS, title }));
      assert.equal(data.title, title);
      assert.equal(data.id, 'user-login');
    }), { numRuns: 300 });
  });

  it('throws template_invalid naming the template file and line for an unknown variable', () => {
    assert.throws(() => renderTemplate({ displayFile: '.sdd/templates/spec.md', text: '---\nid: {{id}}\nx: {{nope}}\n---\n' }, VARS), (err: unknown) => {
      assert.ok(err instanceof SddError);
      assert.equal(err.code, 'template_invalid');
      assert.match(err.message, /\{\{nope\}\}/);
      assert.deepEqual(err.target, { file: '.sdd/templates/spec.md', line: 3 });
      assert.match(err.fix ?? '', /\{\{id\}\}/);
      return true;
    });
  });

  it('leaves text outside {{…}} untouched, including a template without front matter', () => {
    assert.equal(renderTemplate({ displayFile: 'x', text: 'a {b} {{ title }} c: d\n' }, { title: 'T: x' }), 'a {b} T: x c: d\n');
  });
});

describe('slugify', () => {
  const table: Array<[string, string]> = [
    ['User login', 'user-login'],
    ['  Hello,   World!  ', 'hello-world'],
    ['Auth: token refresh (v2)', 'auth-token-refresh-v2'],
    ['Crème brûlée', 'creme-brulee'],
    ['snake_case and CamelCase', 'snake-case-and-camelcase'],
    ['---', ''],
    ['日本語', ''],
    ['REQ-001', 'req-001'],
    ['Über straße', 'uber-strasse'],
    ['Ærø and Łódź', 'aero-and-lodz'],
    ['Smørrebrød', 'smorrebrod'],
  ];
  for (const [title, slug] of table) {
    it(`${JSON.stringify(title)} → ${JSON.stringify(slug)}`, () => assert.equal(slugify(title), slug));
  }

  it('cuts a long title at a word boundary, never inside a word', () => {
    const title = 'Token refresh for long running sessions across several devices and browsers';
    const slug = slugify(title);
    assert.ok(slug.length <= 64, slug);
    assert.equal(slug, 'token-refresh-for-long-running-sessions-across-several-devices');
    assert.equal(slugify('x'.repeat(80)), 'x'.repeat(64));
  });

  it('caps the length at 64 without a trailing hyphen', () => {
    const slug = slugify('a'.repeat(63) + ' b and more words');
    assert.ok(slug.length <= 64, slug);
    assert.ok(!slug.endsWith('-'), slug);
    assert.equal(slug, 'a'.repeat(63));
  });

  it('always yields a valid slug or an empty string (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (title) => {
      const slug = slugify(title);
      assert.ok(slug === '' || SLUG_RE.test(slug), `${JSON.stringify(title)} → ${JSON.stringify(slug)}`);
    }), { numRuns: 500 });
  });
});

// @sdd spec-authoring/NEW-005
describe('yamlScalar', () => {
  const bare = ['auth', 'User login', '2024-05-17', 'Ünïcødé'];
  for (const value of bare) {
    it(`writes ${JSON.stringify(value)} bare`, () => assert.equal(yamlScalar(value), value));
  }

  const quoted = ['true', 'null', '123', '1e3', '~', 'a: b', 'x #y', '- x', ' x', 'x ', '', 'a\nb', "it's", '"q"', '[a]', '{a}', 'a,b', '*a', '&a', '!a'];
  for (const value of quoted) {
    it(`quotes ${JSON.stringify(value)}`, () => {
      const out = yamlScalar(value);
      assert.ok(out.startsWith('"') && out.endsWith('"'), out);
    });
  }

  it('round-trips any string through js-yaml (core schema) and the yaml package (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => {
      const out = yamlScalar(value);
      assert.equal((loadYaml(`k: ${out}`) as { k: unknown }).k, value);
      assert.equal((parseYaml12(`k: ${out}`) as { k: unknown }).k, value);
    }), { numRuns: 1000 });
  });
});

describe('loadTemplate and templateNames', () => {
  // @sdd spec-authoring/NEW-002
  it('prefers .sdd/templates/<name>.md over the built-in template', () => {
    const root = makeTempDir();
    const paths = projectPaths(root);
    assert.match(loadTemplate(paths, 'spec').displayFile, /built in/);
    fs.mkdirSync(path.join(paths.sddDir, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(paths.sddDir, 'templates', 'spec.md'), '---\nid: {{id}}\n---\nCUSTOM\n');
    const t = loadTemplate(paths, 'spec');
    assert.equal(t.displayFile, '.sdd/templates/spec.md');
    assert.match(t.text, /CUSTOM/);
  });

  it('lists built-ins plus project templates, and rejects unknown or path-like names', () => {
    const root = makeTempDir();
    const paths = projectPaths(root);
    fs.mkdirSync(path.join(paths.sddDir, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(paths.sddDir, 'templates', 'rfc.md'), '---\nid: {{id}}\n---\n');
    const names = templateNames(paths);
    for (const n of [...BUILT_IN_TEMPLATES, 'rfc']) assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
    for (const bad of ['nope', '../spec', 'Spec']) {
      assert.throws(() => loadTemplate(paths, bad), (err: unknown) => err instanceof SddError && err.code === 'unknown_template');
    }
  });

  it('every built-in spec-like template renders to a spec that parses with its id', () => {
    const paths = projectPaths(makeTempDir());
    for (const name of BUILT_IN_TEMPLATES) {
      const t = loadTemplate(paths, name);
      const out = renderTemplate(t, { id: 'x-1', title: 'A: b', domain: null, phase: null, owner: null, depends_on: [], date: '2024-05-17', kind: name });
      const r = parseSpec(`.sdd/specs/x-1.md`, out);
      assert.ok(r.ok, `${name}: ${r.ok ? '' : r.problem.message}`);
      if (name !== 'constitution') assert.equal(r.spec.id, 'x-1', name);
      assert.equal(r.spec.title.startsWith('A: b'), true, `${name}: title ${r.spec.title}`);
    }
  });
});
