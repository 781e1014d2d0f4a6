import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validateSpecs, VALIDATE_RULES } from '../../../src/core/check/validate.js';
import { loadSpecs, matchesFilters, pathFilters } from '../../../src/core/spec/load.js';
import { projectPaths } from '../../../src/core/project/paths.js';
import { defaultConfig, readConfig, type Config } from '../../../src/core/project/config.js';
import { countFindings, type Finding } from '../../../src/core/check/findings.js';
import { SddError } from '../../../src/core/shared/errors.js';
import { makeTempDir, markdownSpec, writeFile, writeSpec } from '../../helpers/cli.js';

/** A fixture project in a temp dir: `files` maps paths under .sdd/specs/ to their text. */
function project(files: Record<string, string>): string {
  const root = makeTempDir();
  fs.mkdirSync(path.join(root, '.sdd', 'specs'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeSpec(root, rel, text);
  return root;
}

function validate(root: string, config: Config = defaultConfig()): Finding[] {
  return validateSpecs(root, loadSpecs(projectPaths(root), config));
}

function spec(id: string, extra: Record<string, string> = {}, body = `# ${id}\n`): string {
  return markdownSpec({ id, title: `Title of ${id}`, status: 'draft', ...extra }, body);
}

function byRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

describe('validateSpecs', () => {
  it('finds nothing in a clean project of markdown and YAML specs', () => {
    const root = project({
      'accounts.md': spec('accounts', {}, '- **REQ-001** The system MUST store accounts.\n- **REQ-002** It MAY merge them.\n'),
      'auth/login.md': spec('login', { depends_on: '[accounts]', domain: 'auth' }),
      'tokens.yaml': 'id: tokens\ntitle: Tokens\nstatus: review\ndepends_on: [login, accounts]\nrequirements:\n  - id: TOK-1\n    text: It MUST rotate.\n',
    });
    assert.deepEqual(validate(root), []);
  });

  // @sdd validation/VAL-003
  it('reports a duplicate spec id in both files, each naming the other', () => {
    const root = project({ 'a.md': spec('same'), 'nested/b.yaml': 'title: B\nstatus: draft\nid: same\n' });
    const dups = byRule(validate(root), 'unique-id');
    assert.equal(dups.length, 2);
    const [a, b] = dups;
    assert.equal(a.file, '.sdd/specs/a.md');
    assert.match(a.message, /"same".*\.sdd\/specs\/nested\/b\.yaml/);
    assert.deepEqual([a.line, a.column], [2, 1]);
    assert.equal(b.file, '.sdd/specs/nested/b.yaml');
    assert.match(b.message, /"same".*\.sdd\/specs\/a\.md/);
    assert.deepEqual([b.line, b.column], [3, 1]);
  });

  it('names every other file when three specs share an id', () => {
    const root = project({ 'a.md': spec('x'), 'b.md': spec('x'), 'c.md': spec('x') });
    const dups = byRule(validate(root), 'unique-id');
    assert.equal(dups.length, 3);
    assert.match(dups[0].message, /b\.md, .*c\.md/);
  });

  it('reports a dangling depends_on entry at the list item', () => {
    const root = project({ 'a.md': spec('a', { depends_on: '[b, ghost]' }), 'b.md': spec('b') });
    const [f, ...rest] = byRule(validate(root), 'dangling-dependency');
    assert.equal(rest.length, 0);
    assert.match(f.message, /"ghost"/);
    assert.equal(f.specId, 'a');
    // Line 5 is "depends_on: [b, ghost]"; "ghost" starts in column 17.
    assert.deepEqual([f.line, f.column], [5, 17]);
  });

  it('reports a dangling dependency written as a lone string', () => {
    const root = project({ 'a.md': spec('a', { depends_on: 'ghost' }) });
    const [f] = byRule(validate(root), 'dangling-dependency');
    assert.match(f.message, /"ghost"/);
    assert.equal(f.line, 5);
  });

  it('reports a two-spec cycle with the full path a → b → a', () => {
    const root = project({ 'a.md': spec('a', { depends_on: '[b]' }), 'b.md': spec('b', { depends_on: '[a]' }) });
    const cycles = byRule(validate(root), 'dependency-cycle');
    assert.deepEqual(cycles.map((c) => c.message), ['Dependency cycle: a → b → a', 'Dependency cycle: b → a → b']);
    assert.equal(cycles[0].file, '.sdd/specs/a.md');
    assert.equal(cycles[0].line, 5);
  });

  it('reports every spec of a longer cycle, and a self-dependency', () => {
    const root = project({
      'a.md': spec('a', { depends_on: '[b]' }),
      'b.md': spec('b', { depends_on: '[c]' }),
      'c.md': spec('c', { depends_on: '[a]' }),
      'd.md': spec('d', { depends_on: '[d]' }),
    });
    const messages = byRule(validate(root), 'dependency-cycle').map((f) => f.message);
    assert.deepEqual(messages, ['Dependency cycle: a → b → c → a', 'Dependency cycle: b → c → a → b', 'Dependency cycle: c → a → b → c', 'Dependency cycle: d → d']);
  });

  it('reports a duplicate requirement id inside a markdown spec at the second occurrence', () => {
    const body = '# A\n\n- **REQ-001** The system MUST a.\n- **REQ-002** b.\n- **REQ-001** c.\n';
    const root = project({ 'a.md': spec('a', {}, body), 'b.md': spec('b', {}, '- **REQ-001** Other specs may reuse ids.\n') });
    const dups = byRule(validate(root), 'unique-requirement-id');
    assert.equal(dups.length, 1);
    // Front matter is lines 1-5, so the body starts on line 6.
    assert.equal(dups[0].file, '.sdd/specs/a.md');
    assert.deepEqual([dups[0].line, dups[0].column], [10, 5]);
    assert.match(dups[0].message, /REQ-001.*first at line 8/);
  });

  it('reports a duplicate requirement id in a YAML spec at the second occurrence', () => {
    const root = project({ 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: One.\n  - id: R-1\n    text: Two.\n' });
    const [f] = byRule(validate(root), 'unique-requirement-id');
    assert.ok(f, 'no unique-requirement-id finding');
    assert.equal(f.line, 7, `got line ${f.line}: ${f.message}`);
    assert.match(f.message, /first at line 5/);
  });

  it('reports a duplicate between a YAML requirements entry and the YAML body', () => {
    const root = project({ 'a.yaml': 'id: a\ntitle: A\nstatus: draft\nrequirements:\n  - id: R-1\n    text: One.\nbody: |\n  - R-1 Again.\n' });
    assert.equal(byRule(validate(root), 'unique-requirement-id').length, 1);
  });

  it('turns unparsable files into spec-syntax findings and keeps checking the rest', () => {
    const root = project({ 'bad.md': '---\nid: [oops\n---\n', 'notes.md': '# no front matter\n', 'good.md': spec('good', { status: 'nope' }) });
    const findings = validate(root);
    assert.deepEqual(byRule(findings, 'spec-syntax').map((f) => f.file), ['.sdd/specs/bad.md', '.sdd/specs/notes.md']);
    assert.equal(byRule(findings, 'spec-schema')[0].file, '.sdd/specs/good.md');
  });

  it('uses the configured requirement id pattern', () => {
    const root = project({ 'a.md': spec('a', {}, '- SEC_1 a\n- SEC_1 b\n- REQ-1 c\n- REQ-1 d\n') });
    assert.equal(byRule(validate(root), 'unique-requirement-id')[0].message.includes('REQ-1'), true);
    writeFile(root, '.sdd/config.yaml', 'version: 1\nrequirements:\n  id_pattern: "SEC_[0-9]+"\n');
    const config = readConfig(projectPaths(root));
    const dups = byRule(validate(root, config), 'unique-requirement-id');
    assert.equal(dups.length, 1);
    assert.match(dups[0].message, /SEC_1/);
  });

  it('sorts findings by file, line and column and only uses known rule ids', () => {
    const root = project({
      'b.md': spec('b', { status: 'nope', depends_on: '[ghost]' }),
      'a.md': spec('a', { depends_on: '[zzz, yyy]' }),
    });
    const findings = validate(root);
    const keys = findings.map((f) => [f.file, f.line, f.column ?? 0] as const);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2]));
    assert.deepEqual(keys, sorted);
    assert.equal(findings.length, 4);
    for (const f of findings) assert.ok((VALIDATE_RULES as readonly string[]).includes(f.ruleId), f.ruleId);
    assert.deepEqual(countFindings(findings), { errors: 4, warnings: 0, files: 2 });
  });

  // @sdd checks/CHK-006
  it('keeps fingerprints stable when lines move, and distinct between findings', () => {
    const before = validate(project({ 'a.md': spec('a', { depends_on: '[ghost, phantom]' }) }));
    const after = validate(project({ 'a.md': markdownSpec({ owner: 'x@y.z', tags: '[t]', id: 'a', title: 'T', status: 'draft', depends_on: '[ghost, phantom]' }) }));
    assert.equal(before.length, 2);
    assert.notEqual(before[0].line, after[0].line);
    assert.deepEqual(after.map((f) => f.fingerprint).sort(), before.map((f) => f.fingerprint).sort());
    assert.notEqual(before[0].fingerprint, before[1].fingerprint);
    for (const f of before) assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
  });
});

describe('path filters', () => {
  it('resolves user paths against cwd into project-relative prefixes', () => {
    const root = makeTempDir();
    const paths = projectPaths(root);
    assert.deepEqual(pathFilters(paths, path.join(root, '.sdd'), ['specs/auth', '.']), ['.sdd/specs/auth', '.sdd']);
    assert.deepEqual(pathFilters(paths, root, ['.']), ['']);
  });

  it('matches a file, a folder prefix, and not a sibling with the same prefix', () => {
    assert.ok(matchesFilters('.sdd/specs/auth/a.md', ['.sdd/specs/auth']));
    assert.ok(matchesFilters('.sdd/specs/auth/a.md', ['.sdd/specs/auth/a.md']));
    assert.ok(!matchesFilters('.sdd/specs/authz/a.md', ['.sdd/specs/auth']));
    assert.ok(matchesFilters('.sdd/specs/x.md', []));
    assert.ok(matchesFilters('.sdd/specs/x.md', ['']));
  });
});

describe('readConfig', () => {
  function withConfig(text: string) {
    const root = makeTempDir();
    writeFile(root, '.sdd/config.yaml', text);
    return projectPaths(root);
  }

  it('fills defaults for a missing or empty file', () => {
    const root = makeTempDir();
    assert.equal(readConfig(projectPaths(root)).requirements.idPattern, defaultConfig().requirements.idPattern);
    assert.equal(readConfig(withConfig('')).cache.path, '.cache/sdd.db');
  });

  it('throws config_invalid with the file and line of malformed YAML', () => {
    assert.throws(() => readConfig(withConfig('version: 1\nproject:\n  name: x\n  bad: : here\n')), (err: unknown) => {
      assert.ok(err instanceof SddError);
      assert.equal(err.code, 'config_invalid');
      assert.equal(err.exitCode, 2);
      assert.equal(err.target?.file, '.sdd/config.yaml');
      assert.equal(err.target?.line, 4);
      return true;
    });
  });

  it('throws config_invalid at the line of an invalid id_pattern', () => {
    assert.throws(() => readConfig(withConfig('version: 1\nrequirements:\n  id_pattern: "[A-Z"\n')), (err: unknown) => {
      assert.ok(err instanceof SddError);
      assert.equal(err.code, 'config_invalid');
      assert.equal(err.target?.line, 3);
      return true;
    });
  });
});
