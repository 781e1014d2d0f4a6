import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { filesMatching, globBase, globMatcher } from '../../../src/core/shared/glob.js';
import type { SddError } from '../../../src/core/shared/errors.js';

const cases: Array<[glob: string, matches: string[], misses: string[]]> = [
  ['src/auth/**', ['src/auth/login.ts', 'src/auth/deep/er/x.go'], ['src/authz/x.ts', 'lib/src/auth/x.ts', 'src/auth']],
  ['src/*.ts', ['src/a.ts'], ['src/a/b.ts', 'src/a.tsx', 'x/src/a.ts']],
  ['**/*.test.ts', ['a.test.ts', 'x/y/a.test.ts'], ['a.test.tsx', 'a.ts']],
  ['*.py', ['a.py', 'deep/down/b.py'], ['a.pyc', 'py']],
  ['src/auth', ['src/auth/login.ts', 'src/auth'], ['src/authz/login.ts']],
  ['src/auth/', ['src/auth/login.ts'], ['src/auth.ts']],
  ['./src/{a,b}/*.go', ['src/a/x.go', 'src/b/y.go'], ['src/c/z.go', 'src/a/b/x.go']],
  ['src/file?.c', ['src/file1.c'], ['src/file10.c', 'src/file/.c']],
  ['src/[ab]*.sql', ['src/a1.sql', 'src/b.sql'], ['src/c.sql']],
  ['src/[!ab]*.sql', ['src/c.sql'], ['src/a.sql']],
  ['a.b+c(d).ts', ['a.b+c(d).ts'], ['aXb+c(d).ts', 'a.bbc(d).ts']],
  ['test/**/fixtures/**', ['test/fixtures/x', 'test/a/b/fixtures/c/d'], ['test/fixturesx/y']],
  ['src/\\[id\\].ts', ['src/[id].ts'], ['src/i.ts', 'src/d.ts']],
  ['src/\\*.ts', ['src/*.ts'], ['src/a.ts']],
  ['src/[a-c]?.ts', ['src/a1.ts', 'src/cz.ts'], ['src/d1.ts', 'src/a.ts']],
  ['src/[!a-c].ts', ['src/d.ts', 'src/!.ts'], ['src/b.ts', 'src/a.ts']],
  ['app/(auth)/*.tsx', ['app/(auth)/page.tsx'], ['app/auth/page.tsx']],
  ['src/a|b', ['src/a|b'], ['src/a', 'b']],
  ['src/v{1..3}/*.ts', ['src/v1/a.ts', 'src/v3/a.ts'], ['src/v4/a.ts']],
  ['src/+(a|b).ts', ['src/a.ts', 'src/abba.ts'], ['src/c.ts', 'src/.ts']],
  ['src/@(x|y)/**', ['src/x/a.ts', 'src/y/b/c.ts'], ['src/xy/a.ts']],
  ['src/!(gen)/*.ts', ['src/app/a.ts'], ['src/gen/a.ts']],
  ['src/*.{ts,tsx}', ['src/a.ts', 'src/b.tsx'], ['src/c.js']],
  ['**/.env', ['.env', 'a/.env'], ['a/.envrc']],
  ['src/*a*b*c', ['src/abc', 'src/xaybzc', 'src/aabbcc'], ['src/acb', 'src/ab/c']],
];

describe('globMatcher', () => {
  for (const [glob, yes, no] of cases) {
    it(`${glob}`, () => {
      const match = globMatcher([glob]);
      for (const f of yes) assert.ok(match(f), `${glob} should match ${f}`);
      for (const f of no) assert.ok(!match(f), `${glob} should not match ${f}`);
    });
  }

  it('matches any of several globs, and nothing with none', () => {
    const match = globMatcher(['*.go', 'src/**']);
    assert.ok(match('x/main.go'));
    assert.ok(match('src/a.ts'));
    assert.ok(!match('lib/a.ts'));
    assert.ok(!globMatcher([])('anything'));
  });

  it('leaves out what a !glob matches, and matches nothing with only !globs', () => {
    const match = globMatcher(['src/**', '!src/**/*.test.ts', '!src/gen']);
    assert.ok(match('src/a.ts'));
    assert.ok(!match('src/x/a.test.ts'));
    assert.ok(!match('src/gen/a.ts'));
    assert.ok(!globMatcher(['!src/**'])('lib/a.ts'));
  });

  it('finishes fast on a glob with many stars against a long path', () => {
    const glob = 'src/*a*a*a*a*a*a*a*a*a*a*a*a*c';
    const long = 'src/' + 'a'.repeat(200);
    const started = Date.now();
    assert.ok(!globMatcher([glob])(long));
    assert.ok(globMatcher([glob])(long + 'c'));
    assert.ok(!globMatcher([glob])(long + '/c'));
    assert.deepEqual(filesMatching([long, long + 'c'], [glob]), [long + 'c']);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  });

  it('stops a glob that would backtrack for ages with an error instead of hanging', () => {
    const long = 'src/' + 'a'.repeat(200);
    for (const [glob, matching] of [['src/{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*c', 'src/abababac'], ['src/*(a)*(a)*(a)*(a)*(a)*(a)*(a)*(a)c', 'src/aaac']]) {
      const started = Date.now();
      assert.throws(() => globMatcher([glob])(long), (err: SddError) => err.code === 'glob_too_complex' && err.message.includes(glob) && Boolean(err.fix));
      assert.ok(Date.now() - started < 3000, `${glob} took ${Date.now() - started} ms`);
      // The same glob still answers paths it can match quickly.
      assert.ok(globMatcher([glob])(matching));
    }
  });

  it('gives the same answer as picomatch-free brute force on star patterns', () => {
    // Every pattern over {a, b, ?, *} up to length 5 against every text over {a, b} up to length 5.
    const words = (alphabet: string[], max: number): string[] => {
      let level = [''];
      const all = [''];
      for (let n = 1; n <= max; n++) {
        level = level.flatMap((w) => alphabet.map((c) => w + c));
        all.push(...level);
      }
      return all;
    };
    const brute = (p: string, t: string): boolean => {
      if (p === '') return t === '';
      if (p[0] === '*') return brute(p.slice(1), t) || (t !== '' && brute(p, t.slice(1)));
      return t !== '' && (p[0] === '?' || t[0] === p[0]) && brute(p.slice(1), t.slice(1));
    };
    const texts = words(['a', 'b'], 5).filter((t) => t !== '');
    for (const p of words(['a', 'b', '?', '*'], 5).filter((w) => w !== '' && !w.includes('**'))) {
      const match = globMatcher([`x/${p}`]);
      for (const t of texts) assert.equal(match(`x/${t}`), brute(p, t), `x/${p} against x/${t}`);
    }
  });

  it('matches nothing with an empty glob', () => {
    assert.ok(!globMatcher([''])('a'));
    assert.ok(!globMatcher(['  '])(''));
  });
});

describe('globBase and filesMatching', () => {
  it('finds the folder a glob is confined to', () => {
    assert.deepEqual(['src/auth/**', 'src/a*/x', 'src/auth/', 'src/auth', '*.py', '**/x.ts', './lib/{a,b}/*.go', 'docs/readme.md', 'src/\\[x]/a', 'src/+(a|b)/c', '!src/x/y'].map(globBase), ['src/auth/', 'src/', 'src/auth/', 'src/', '', '', 'lib/', 'docs/', 'src/', 'src/', '']);
  });

  it('gives the same answer as testing every file', () => {
    const files = ['a.py', 'docs/readme.md', 'lib/a/x.go', 'lib/b/y.go', 'lib/c/z.go', 'src/auth', 'src/auth/deep/x.ts', 'src/auth/login.ts', 'src/authz/x.ts', 'src/b.py', 'x/a.py'].sort();
    for (const globs of [['src/auth/**'], ['*.py'], ['lib/{a,b}/*.go', 'docs/readme.md'], ['src/auth'], ['src/**', '*.py'], ['nothing/**'], ['src/**', '!src/auth/deep'], ['src/\\[a]/x']]) {
      assert.deepEqual(filesMatching(files, globs), files.filter(globMatcher(globs)), globs.join(' '));
    }
  });
});
