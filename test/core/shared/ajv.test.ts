import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createAjv, SHIPPED_SCHEMA_OPTIONS } from '../../../src/core/shared/ajv.js';
import { schemaValidator, type SchemaName } from '../../../src/core/shared/schema.js';
import { EMAIL_RE } from '../../../src/core/shared/email.js';
import { REPO_ROOT } from '../../helpers/cli.js';

interface Generator {
  SHIPPED_SCHEMAS: string[];
  exportName(schema: string): SchemaName;
  SHIPPED_SCHEMA_OPTIONS: object;
  GENERATED_FILE: string;
  generateSchemaValidators(root?: string): string;
}

const generator = (await import(pathToFileURL(`${REPO_ROOT}scripts/schema-validators.mjs`).href)) as Generator;

describe('precompiled shipped schemas', () => {
  it('the committed module is what the schemas compile to (run `node scripts/schema-validators.mjs`)', () => {
    assert.equal(fs.readFileSync(`${REPO_ROOT}${generator.GENERATED_FILE}`, 'utf8'), generator.generateSchemaValidators(REPO_ROOT));
  });

  it('the generator compiles with the options of the factory', () => {
    assert.deepEqual(generator.SHIPPED_SCHEMA_OPTIONS, SHIPPED_SCHEMA_OPTIONS);
  });

  it('access.schema.json spells email addresses as EMAIL_RE does', () => {
    const schema = JSON.parse(fs.readFileSync(`${REPO_ROOT}schemas/access.schema.json`, 'utf8')) as { definitions: { email: { pattern: string }; members: { items: { pattern: string } } } };
    assert.equal(schema.definitions.email.pattern, EMAIL_RE.source);
    assert.equal(schema.definitions.members.items.pattern, `^(?:@|${EMAIL_RE.source.slice(1)})`);
  });

  it('agrees with ajv compiling the schema files at run time', () => {
    const samples: Record<string, unknown[]> = {
      spec: [{ id: 'a', title: 'A', status: 'draft' }, { id: 'A B', title: '', status: 'nope', extra: 1 }, { id: 'x', title: '😀', status: 'draft' }, []],
      config: [{ version: 1 }, { version: 2, bogus: true }, 'text'],
      policies: [{ policies: [] }, { policies: [{ id: 'p', when: { field: { name: 'x' } } }] }, {}],
      access: [{ teams: { '@a': ['a@b.c'] }, domains: { core: { reviewers: ['@a', 'x'], quorum: 0 } } }, { teams: { a: 'b' } }, []],
      'decision-record': [{}, { version: 1, spec: '', dependencies: { a: 1 } }],
      baseline: [{ version: 1, findings: [{ fingerprint: 'f' }] }, { version: 1, findings: [{}] }, { findings: 1 }],
    };
    for (const name of generator.SHIPPED_SCHEMAS) {
      const runtime = createAjv(SHIPPED_SCHEMA_OPTIONS).compile(JSON.parse(fs.readFileSync(`${REPO_ROOT}schemas/${name}.schema.json`, 'utf8')) as object);
      const built = schemaValidator(generator.exportName(name));
      for (const data of samples[name]) {
        assert.equal(built(data), runtime(data), `${name}: ${JSON.stringify(data)}`);
        const strip = (errors: typeof built.errors) => (errors ?? []).map((e) => [e.keyword, e.instancePath, e.schemaPath, JSON.stringify(e.params)]);
        assert.deepEqual(strip(built.errors), strip(runtime.errors), `${name}: ${JSON.stringify(data)}`);
      }
    }
  });
});
