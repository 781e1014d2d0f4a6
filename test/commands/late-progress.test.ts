import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lateProgress } from '../../src/env.js';

// @sdd index-cache/IDX-006
describe('progress of an implicit refresh', () => {
  it('draws nothing in the first second, then the bar, and clears its line when done', async () => {
    let out = '';
    const stream = { isTTY: true, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
    let now = 0;
    const progress = lateProgress(false, stream, () => now);
    progress.update(10, 1000);
    now = 900;
    progress.update(200, 1000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(out, '', 'a bar within the first second');
    now = 1100;
    progress.update(300, 1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(out, /30%\s+300\/1000 specs/);
    progress.update(600, 1000);
    assert.match(out, /60%\s+600\/1000 specs/);
    progress.done();
    assert.ok(out.endsWith('\r\x1b[2K\x1b[?25h'), JSON.stringify(out.slice(-20)));
  });

  it('a refresh that ends within the second never draws', async () => {
    let out = '';
    const stream = { isTTY: true, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
    let now = 0;
    const progress = lateProgress(false, stream, () => now);
    progress.update(1, 2);
    now = 500;
    progress.update(2, 2);
    progress.done();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(out, '');
  });
});
