import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertDecidable, assertReviewRequestable, requestedReviewers, reviewerWarnings } from '../../../src/core/governance/gates.js';
import { parseAccess } from '../../../src/core/governance/access.js';
import { SddError } from '../../../src/core/shared/errors.js';
import type { Spec } from '../../../src/core/spec/parse.js';

const spec = (status: string, extra: Partial<Spec> = {}) => ({ id: 'login', file: '.sdd/specs/login.md', status, owner: 'ada@example.com', domain: 'core', ...extra }) as Spec;

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    assert.ok(err instanceof SddError);
    return `${err.code} ${err.target?.file ?? ''}`.trim();
  }
}

describe('governance gates', () => {
  it('decides only on specs in review or further along', () => {
    for (const [status, expected] of [
      ['draft', 'invalid_state .sdd/specs/login.md'],
      ['deprecated', 'invalid_state .sdd/specs/login.md'],
      ['review', null],
      ['approved', null],
      ['implemented', null],
    ] as const) assert.equal(code(() => assertDecidable(spec(status))), expected, status);
  });

  it('asks for review of drafts and specs in review only', () => {
    for (const [status, expected] of [
      ['draft', null],
      ['review', null],
      ['approved', 'invalid_state .sdd/specs/login.md'],
      ['deprecated', 'invalid_state .sdd/specs/login.md'],
    ] as const) assert.equal(code(() => assertReviewRequestable(spec(status))), expected, status);
  });

  it('needs at least one reviewer, each an email address, kept once in lower case', () => {
    assert.deepEqual(requestedReviewers('login', ['Bob@Example.com', 'bob@example.com', 'carol@example.com']), ['bob@example.com', 'carol@example.com']);
    assert.equal(code(() => requestedReviewers('login', [])), 'invalid_argument');
    assert.throws(() => requestedReviewers('login', ['bob']), /"bob" is not an email address/);
  });

  it('warns about reviewers whose approval will not count: the owner, and non-reviewers of the domain', () => {
    const { access } = parseAccess('version: 1\ndomains:\n  core:\n    reviewers: [bob@example.com]\n');
    const loaded = { access, file: '.sdd/access.yml', exists: true, problems: [] };
    assert.deepEqual(reviewerWarnings(loaded, spec('draft'), ['bob@example.com', 'ada@example.com', 'eve@example.com']), [
      'warning: ada@example.com owns login, so their approval will not count.',
      'warning: eve@example.com is not a reviewer of domain "core" in .sdd/access.yml, so their approval will not count.',
    ]);
  });
});
