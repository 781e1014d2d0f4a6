import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describeRun, makeGitRepo, REPO_ROOT, runSdd, writeSpec } from '../helpers/cli.js';

/**
 * Every query, search and list example in README.md and in those commands' --help, run on the
 * quick-start data: `sdd init`, `sdd new spec "User login" --domain auth`, and the README's own
 * spec-format example. Each must exit 0 and print something.
 */

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const COMMANDS = ['query', 'q', 'search', 'list', 'ls'];

/** Shell words of one command line: '…' and "…" quoting, backslash escapes outside single quotes. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      word ??= '';
      for (; line[j] !== '"'; j++) {
        if (line[j] === '\\' && (line[j + 1] === '"' || line[j + 1] === '\\')) j++;
        word += line[j];
      }
      i = j;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** `sdd <command> …` lines, without a trailing `# comment`; pipes and redirections are left out. */
function exampleLines(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)]
    .map((m) => m[1].replace(/\s+#\s.*$/, '').trim())
    .filter((line) => COMMANDS.includes(line.split(/\s+/)[1]) && !/[|>]\s/.test(line));
}

function readmeExamples(): string[] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
  return exampleLines(blocks, /^(sdd .*)$/gm);
}

describe('every README and --help example of query, search and list works on the quick-start data', () => {
  let repo: string;
  const helpExamples: string[] = [];

  before(async () => {
    repo = makeGitRepo();
    for (const args of [['init'], ['new', 'spec', 'User login', '--domain', 'auth']]) {
      const r = await runSdd(args, { cwd: repo });
      assert.equal(r.code, 0, describeRun(r));
    }
    const example = /## Spec format[\s\S]*?```markdown\n([\s\S]*?)```/.exec(README);
    assert.ok(example, 'the README has a spec example');
    writeSpec(repo, 'auth/token-refresh.md', example[1]);
    for (const command of ['query', 'search', 'list']) {
      const r = await runSdd([command, '--help'], { cwd: repo });
      assert.equal(r.code, 0, describeRun(r));
      helpExamples.push(...exampleLines(r.stdout, /^\s+\$ (sdd .*)$/gm));
    }
  });

  it('finds the examples', () => {
    const readme = readmeExamples();
    assert.ok(readme.filter((l) => l.startsWith('sdd query')).length >= 8, readme.join('\n'));
    assert.ok(helpExamples.filter((l) => l.startsWith('sdd query')).length >= 8, helpExamples.join('\n'));
    assert.ok(readme.some((l) => l.startsWith('sdd search')) && helpExamples.some((l) => l.startsWith('sdd list')));
  });

  it('each exits 0 and prints something', async () => {
    const failures: string[] = [];
    for (const line of [...new Set([...readmeExamples(), ...helpExamples])]) {
      const r = await runSdd(shellWords(line).slice(1), { cwd: repo });
      if (r.code !== 0 || r.stdout.trim() === '') failures.push(`${line}\n${describeRun(r)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('the issue\'s case: title:login* finds "User login"', async () => {
    const r = await runSdd(['query', 'title:login*'], { cwd: repo });
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.stdout.split('\t')[0], 'user-login');
  });
});
