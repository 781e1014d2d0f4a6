import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toStepSummary } from '../../../src/core/report/github.js';
import type { Finding } from '../../../src/core/check/findings.js';

/** A finding whose message quotes spec text someone else wrote (a title, an id, a field value). */
function finding(message: string, file = '.sdd/specs/x.md'): Finding {
  return { ruleId: 'dangling-dependency', severity: 'error', message, file, line: 3, fingerprint: 'f' } as Finding;
}

const HOSTILE = [
  '![pixel](https://tracker.example/p.png)',
  '<img src="https://tracker.example/i.png">',
  '[click me](https://phish.example/login)',
  '<https://auto.example>',
  'https://bare.example/path',
  'www.bare.example',
  'mail me@evil.example',
  '<script>alert(1)</script>',
  '**bold** _em_ `code` ~~strike~~ $x^2$ @someone #12',
].join(' ');

// @sdd sarif-output/SARIF-004
describe('report: the step summary keeps spec text inert', () => {
  it('escapes images, links, autolinks, HTML and emphasis in a message', () => {
    const md = toStepSummary([finding(HOSTILE)], { filesChecked: 1 });
    const row = md.split('\n').find((l) => l.startsWith('| error'))!;
    assert.ok(row, md);
    // Nothing GitHub would render as an image, a link, a tag or an automatic link survives.
    assert.doesNotMatch(row, /<[a-z/]/i, 'no raw HTML tag');
    assert.doesNotMatch(row, /(^|[^\\])!\[|(^|[^\\])\]\(/, 'no image or inline link');
    assert.doesNotMatch(row, /https?:\/\//, 'no bare URL for autolinking');
    assert.doesNotMatch(row, /www\./i, 'no www. autolink');
    assert.doesNotMatch(row, /[^\\]@/, 'no mention or e-mail autolink');
    assert.match(row, /&lt;img src="https\\:\/\/tracker\.example\/i\.png"&gt;/);
    assert.match(row, /\\!\\\[pixel\\\]\\\(https\\:\/\/tracker\.example\/p\.png\\\)/);
    // Still one table row: five cell borders, every other pipe escaped.
    assert.equal(row.split(/(?<!\\)\|/).length, 6, row);
  });

  it('keeps a file name with backticks and pipes inside its code span', () => {
    const md = toStepSummary([finding('m', '.sdd/specs/a`![x](https://t.example/p.png)`|b.md')], { filesChecked: 1 });
    assert.match(md, /\| `` \.sdd\/specs\/a`!\[x\]\(https:\/\/t\.example\/p\.png\)`\\\|b\.md:3 `` \|/);
  });
});
