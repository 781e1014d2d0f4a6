import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { filesMatching, globBase, globMatcher } from '../../../src/core/shared/glob.js';

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
});

describe('globBase and filesMatching', () => {
  it('finds the folder a glob is confined to', () => {
    assert.deepEqual(['src/auth/**', 'src/a*/x', 'src/auth/', 'src/auth', '*.py', '**/x.ts', './lib/{a,b}/*.go', 'docs/readme.md'].map(globBase), ['src/auth/', 'src/', 'src/auth/', 'src/', '', '', 'lib/', 'docs/']);
  });

  it('gives the same answer as testing every file', () => {
    const files = ['a.py', 'docs/readme.md', 'lib/a/x.go', 'lib/b/y.go', 'lib/c/z.go', 'src/auth', 'src/auth/deep/x.ts', 'src/auth/login.ts', 'src/authz/x.ts', 'src/b.py', 'x/a.py'].sort();
    for (const globs of [['src/auth/**'], ['*.py'], ['lib/{a,b}/*.go', 'docs/readme.md'], ['src/auth'], ['src/**', '*.py'], ['nothing/**']]) {
      assert.deepEqual(filesMatching(files, globs), files.filter(globMatcher(globs)), globs.join(' '));
    }
  });
});
