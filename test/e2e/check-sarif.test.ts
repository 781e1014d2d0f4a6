import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { Validator } from 'jsonschema';
import { describeRun, makeGitRepo, REPO_ROOT, writeFile } from '../helpers/cli.js';
import { multitoolValidate } from '../helpers/sarif.js';
import { writeSarifFixture } from '../helpers/check-fixture.js';
import { runSddInProcess } from '../helpers/in-process.js';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; semanticVersion: string; informationUri: string; rules: Array<{ id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; defaultConfiguration: { level: string }; properties: { tags: string[]; precision: string } }> } };
    automationDetails: { id: string };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn?: number } } }>; partialFingerprints: Record<string, string> }>;
  }>;
}

describe('e2e: sdd check --format sarif on a fixture with findings of every rule', () => {
  let repo: string;
  let sarifFile: string;
  let log: SarifLog;
  let ruleIds: string[];

  before(async () => {
    repo = makeGitRepo();
    writeSarifFixture(repo);
    sarifFile = path.join(repo, 'out.sarif');
    const r = await runSddInProcess(['check', '--format', 'sarif', '--output', sarifFile], { cwd: repo });
    assert.equal(r.code, 1, describeRun(r));
    log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as SarifLog;
    const rules = await runSddInProcess(['rules', '--json'], { cwd: repo });
    ruleIds = (JSON.parse(rules.stdout) as { rules: Array<{ id: string }> }).rules.map((x) => x.id);
  });

  it('has a result for every rule sdd knows', () => {
    const seen = new Set(log.runs[0].results.map((r) => r.ruleId));
    const missing = ruleIds.filter((id) => !seen.has(id));
    assert.deepEqual(missing, [], 'the fixture should trigger every rule');
  });

  // @sdd sarif-output/SARIF-002
  it('passes the SARIF multitool (SARIF rules) with no errors', () => {
    const errors = multitoolValidate(sarifFile, 'Sarif').filter((r) => r.level === 'error');
    assert.deepEqual(errors, []);
  });

  // @sdd sarif-output/SARIF-002
  it('passes the SARIF multitool with GitHub ingestion rules (cfg-gh.xml) with no errors', () => {
    const errors = multitoolValidate(sarifFile, 'Gh').filter((r) => r.level === 'error');
    assert.deepEqual(errors, []);
  });

  it('the validators do reject a broken SARIF file (so the checks above can fail)', () => {
    const broken = JSON.parse(JSON.stringify(log)) as SarifLog;
    const loc = broken.runs[0].results[0].locations[0].physicalLocation;
    loc.artifactLocation = { uri: `file://${repo}/x.md`, uriBaseId: undefined as unknown as string };
    delete (broken.runs[0].results[0] as { ruleId?: string }).ruleId;
    const file = path.join(repo, 'broken.sarif');
    fs.writeFileSync(file, JSON.stringify(broken));
    const errors = multitoolValidate(file, 'Gh').filter((r) => r.level === 'error');
    assert.ok(errors.length > 0, 'GitHub rules flag an absolute URI and a missing ruleId');
  });

  // @sdd sarif-output/SARIF-001
  it('validates against the SARIF 2.1.0 JSON Schema (ajv, draft 2020-12)', () => {
    const schemaFile = path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'sarif-2.1.0.json');
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it("passes the GitHub upload action's own schema check (jsonschema 1.5.0)", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'codeql-action-sarif-schema-2.1.0.json'), 'utf8')) as object;
    const result = new Validator().validate(log, schema);
    // As in the upload action, uri-format complaints are warnings; everything else fails the upload.
    const errors = result.errors.filter((e) => !(e.name === 'format' && String(e.argument).includes('uri')));
    assert.deepEqual(errors.map((e) => e.stack), []);
  });

  // @sdd sarif-output/SARIF-001
  it('describes every rule fully and points each result at its rule', () => {
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'sdd');
    assert.match(run.tool.driver.semanticVersion, /^\d+\.\d+\.\d+/);
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
    assert.equal(run.automationDetails.id, 'sdd/check/');
    const ids = run.tool.driver.rules.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort(), 'rules sorted by id');
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.name && rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown, rule.id);
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level), rule.id);
      assert.ok(Array.isArray(rule.properties.tags) && rule.properties.precision, rule.id);
    }
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      const loc = result.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/') && !loc.artifactLocation.uri.includes('\\'), loc.artifactLocation.uri);
      assert.ok(fs.existsSync(path.join(repo, decodeURIComponent(loc.artifactLocation.uri))), `${loc.artifactLocation.uri} exists in the repo`);
      assert.ok(loc.region.startLine >= 1);
      assert.match(Object.values(result.partialFingerprints)[0], /^[0-9a-f]{32}$/);
    }
  });

  // @sdd sarif-output/SARIF-003
  it('is byte-identical when run twice', async () => {
    const again = path.join(repo, 'again.sarif');
    await runSddInProcess(['check', '--format', 'sarif', '--output', again], { cwd: repo });
    assert.equal(fs.readFileSync(again, 'utf8'), fs.readFileSync(sarifFile, 'utf8'));
  });

  // @sdd checks/CHK-006, sarif-output/SARIF-001
  it('keeps every fingerprint when lines are inserted above the findings', async () => {
    const fingerprints = (l: SarifLog) => l.runs[0].results.map((r) => `${r.ruleId} ${Object.values(r.partialFingerprints)[0]}`).sort();
    const lines = (l: SarifLog) => l.runs[0].results.map((r) => r.locations[0].physicalLocation.region.startLine);
    const before = fingerprints(log);
    for (const rel of fs.readdirSync(path.join(repo, '.sdd', 'specs'), { recursive: true }) as string[]) {
      const file = path.join(repo, '.sdd', 'specs', rel);
      if (!file.endsWith('.md') || fs.statSync(file).isDirectory()) continue;
      const text = fs.readFileSync(file, 'utf8');
      // Three blank lines after the front matter's closing line move every body line down.
      const end = text.indexOf('\n---\n', 4);
      if (end > 0) writeFile(repo, path.relative(repo, file), text.slice(0, end + 5) + '\n\n\n' + text.slice(end + 5));
    }
    const moved = path.join(repo, 'moved.sarif');
    await runSddInProcess(['check', '--format', 'sarif', '--output', moved], { cwd: repo });
    const after = JSON.parse(fs.readFileSync(moved, 'utf8')) as SarifLog;
    assert.notDeepEqual(lines(after), lines(log), 'some findings moved');
    assert.deepEqual(fingerprints(after), before);
  });
});
