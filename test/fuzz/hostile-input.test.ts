import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parseSpec } from '../../src/core/spec/parse.js';
import { memoryIndex } from '../../src/cache/memory-index.js';
import { search } from '../../src/cache/search.js';
import { loadPolicies } from '../../src/core/policies/load.js';
import { SddError } from '../../src/core/shared/errors.js';

// Seeded, so a failure reproduces; bounded, so the whole file runs in a few seconds.
const SEED = 14;
const CASE_MS = 2_000;

/** Pieces of YAML that have broken parsers: anchors and aliases, deep nesting, odd scalars. */
const yamlPiece = fc.oneof(
  fc.constantFrom('&a [1, 2, 3]', '*a', '[*a, *a, *a, *a]', '{', '[', ']', '}', '!!binary x', '!!python/object x', '? x', '<<: *a', '|', '>-', '"\\u0000"', '\'', '---', '...', '#', '@', '`', '%YAML 1.2', ': :', '- - -', '\t'),
  fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => '{a: '.repeat(n)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const frontMatter = fc.array(fc.tuple(fc.oneof(fc.constantFrom('id', 'title', 'status', 'depends_on', 'code', 'tags', '__proto__', 'constructor'), fc.string({ maxLength: 8 })), fc.array(yamlPiece, { maxLength: 5 })), { maxLength: 8 })
  .map((pairs) => pairs.map(([k, v]) => `${k}: ${v.join(' ')}`).join('\n'));

function bomb(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(',')}]`];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(',')}]`);
  return lines.join('\n');
}

function timedCase<T>(run: () => T): T {
  const started = Date.now();
  const out = run();
  assert.ok(Date.now() - started < CASE_MS, `one case took ${Date.now() - started} ms`);
  return out;
}

describe('fuzz: hostile input never crashes or hangs', () => {
  it('front matter: every document parses to a spec or a problem', () => {
    fc.assert(fc.property(frontMatter, fc.boolean(), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), (yaml, withBomb, levels, width) => {
      const text = `---\n${yaml}${withBomb ? `\n${bomb(levels, width)}` : ''}\n---\n# Body\n- **REQ-001** It MUST work.\n`;
      const md = timedCase(() => parseSpec('.sdd/specs/f.md', text, {}));
      const y = timedCase(() => parseSpec('.sdd/specs/f.yaml', text.replace(/^---\n/, ''), {}));
      for (const r of [md, y]) if (r.ok) JSON.stringify(r.spec.data);
    }), { seed: SEED, numRuns: 1500 });
  });

  it('search text: every string searches or is a clear error', async () => {
    const specs = ['alpha beta', 'token refresh', 'the quick brown fox'].map((words, i) => {
      const r = parseSpec(`.sdd/specs/s${i}.md`, `---\nid: s${i}\ntitle: ${words}\nstatus: draft\n---\n- **REQ-001** The ${words} MUST work.\n`);
      assert.ok(r.ok);
      return r.spec;
    });
    const db = await memoryIndex(specs);
    try {
      const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }),
        fc.array(fc.constantFrom('"', '*', 'NEAR', 'AND', 'OR', 'NOT', '(', ')', '^', ':', '-', '+', 'alpha', 'token', '\u0000', '{', '}'), { maxLength: 30 }).map((a) => a.join(' ')));
      fc.assert(fc.property(text, fc.constantFrom('spec', 'requirement') as fc.Arbitrary<'spec' | 'requirement'>, (t, type) => {
        try {
          timedCase(() => search(db, { text: t, type, limit: 10 }));
        } catch (err) {
          assert.ok(err instanceof SddError, `search ${JSON.stringify(t)} threw ${String(err)}`);
        }
      }), { seed: SEED, numRuns: 1000 });
    } finally {
      db.close();
    }
  });

  it('policy scopes and regexes: policies.yaml always loads to policies and findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdd-fuzz-'));
    const file = path.join(dir, 'policies.yaml');
    const scope = fc.oneof(fc.string({ maxLength: 60 }),
      fc.array(fc.constantFrom('status:draft', '__proto__:x', 'constructor:x', 'toString:1', 'AND', 'OR', 'NOT', '(', ')', '"', 'phase>=2', 'tag:', ':', '>', '<=', 'x'), { maxLength: 20 }).map((a) => a.join(' ')));
    try {
      fc.assert(fc.property(scope, fc.string({ maxLength: 20 }), (s, re) => {
        fs.writeFileSync(file, `policies:\n  - id: p\n    scope: ${JSON.stringify(s)}\n    require: { body: { matches: ${JSON.stringify(re)} } }\n`);
        const loaded = timedCase(() => loadPolicies(file, '.sdd/policies.yaml'));
        assert.ok(loaded.policies.length + loaded.findings.length >= 1);
      }), { seed: SEED, numRuns: 500 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
