import { describe, it } from 'node:test';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './helpers/cli.js';

// @sdd architecture/ARCH-001, architecture/ARCH-002, architecture/ARCH-003, architecture/ARCH-004
// @sdd architecture/ARCH-005, architecture/ARCH-006, architecture/ARCH-007
// The layer rules of ARCHITECTURE.md, read off the source as text: a rule broken in a new file
// fails here, not in a review.

const SRC = path.join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(abs);
    return /\.tsx?$/.test(e.name) ? [abs] : [];
  });
}

const files = sourceFiles(SRC).map((abs) => ({ rel: path.relative(REPO_ROOT, abs).split(path.sep).join('/'), text: fs.readFileSync(abs, 'utf8') }));

/** Module specifiers a file imports (static, dynamic and re-exports), comments left out. */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g)) out.push(m[2]);
  return out;
}

/** The file a relative specifier names, repository-relative, or null for a package. */
function resolved(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.js$/, '.ts');
}

function offenders(select: (f: { rel: string; text: string }) => boolean, bad: (spec: string, target: string | null, file: string) => boolean): string[] {
  return files.filter(select).flatMap((f) => importsOf(f.text).filter((s) => bad(s, resolved(f.rel, s), f.rel)).map((s) => `${f.rel} imports ${s}`));
}

describe('architecture: the layer rules hold', () => {
  it('sanity: the source was read', () => {
    assert.ok(files.length > 100, `only ${files.length} source files found under ${SRC}`);
    assert.ok(importsOf("import a from './a.js';\nexport { b } from '../b.js';\nawait import('./c.js');").length === 3);
  });

  it('src/core imports neither commands, app, cache, the CLI frame nor chalk/ink/react', () => {
    const found = offenders(
      (f) => f.rel.startsWith('src/core/'),
      (spec, target) => /^(chalk|ink|react)(\/|$)/.test(spec) || (target !== null && !target.startsWith('src/core/')),
    );
    assert.deepEqual(found, []);
  });

  it('src/core never prints and never exits', () => {
    const found = files
      .filter((f) => f.rel.startsWith('src/core/'))
      .flatMap((f) => [...f.text.matchAll(/\b(console\.(log|error|warn|info)|process\.exit|process\.(stdout|stderr)\.write)\b/g)].map((m) => `${f.rel}: ${m[0]}`));
    assert.deepEqual(found, []);
  });

  it('only src/cache/ imports better-sqlite3', () => {
    assert.deepEqual(offenders((f) => !f.rel.startsWith('src/cache/'), (spec) => spec === 'better-sqlite3'), []);
  });

  it('only src/core/git/ imports simple-git or spawns git', () => {
    const found = files
      .filter((f) => !f.rel.startsWith('src/core/git/'))
      .filter((f) => importsOf(f.text).includes('simple-git') || /\b(spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*['"]git['"]/.test(f.text))
      .map((f) => f.rel);
    assert.deepEqual(found, []);
  });

  it('commands contain no SQL: the cache answers', () => {
    const found = files
      .filter((f) => f.rel.startsWith('src/commands/'))
      .filter((f) => /\.(prepare|exec|pragma)\(/.test(f.text) || /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b/.test(f.text) || importsOf(f.text).includes('better-sqlite3'))
      .map((f) => f.rel);
    assert.deepEqual(found, []);
  });

  it('no module imports itself through others (type-only imports count: madge reads the TypeScript)', async () => {
    // madge ships no types; its API is one function and `circular()` on the result.
    const madge = createRequire(import.meta.url)('madge') as (dir: string, opts: object) => Promise<{ circular(): string[][] }>;
    const graph = await madge(SRC, { fileExtensions: ['ts', 'tsx'], tsConfig: path.join(REPO_ROOT, 'tsconfig.json') });
    assert.deepEqual(graph.circular(), []);
  });

  it('ink and React are imported only by the interactive screens in src/ui/', () => {
    assert.deepEqual(offenders((f) => !f.rel.startsWith('src/ui/'), (spec) => /^(ink|react)(\/|$)|^ink-/.test(spec)), []);
  });

  it('src/core/ has at most four loose files, and ARCHITECTURE.md names the purpose of every folder of src/', () => {
    const loose = fs.readdirSync(path.join(SRC, 'core'), { withFileTypes: true }).filter((e) => e.isFile());
    assert.ok(loose.length <= 4, `loose files in src/core: ${loose.map((e) => e.name).join(', ')}`);
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');
    const folders = [...new Set(files.map((f) => path.posix.dirname(f.rel)))].filter((d) => d !== 'src').sort();
    const missing = folders.filter((d) => !new RegExp('`' + d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '/`').test(doc));
    assert.deepEqual(missing, [], 'folders without a line in ARCHITECTURE.md');
  });
});
