/**
 * Renders the benchmark corpus: spec files (YAML front matter + markdown body) and source files
 * with `@sdd` comment tags. Every spec and code file draws from its own seeded stream, so a file's
 * text depends only on (seed, index, corpus shape), never on generation order.
 */
import { Random, Zipf, mixSeed, weights } from './prng.mjs';
import { ADJECTIVES, DOMAINS, NOUNS, OWNERS, RARE_TERM, RFC2119_WEIGHTS, STATUS_WEIGHTS, TAGS, VERBS } from './vocabulary.mjs';

const nouns = new Zipf(NOUNS, 1.0);
const verbs = new Zipf(VERBS, 1.0);
const adjectives = new Zipf(ADJECTIVES, 1.0);
const owners = new Zipf(OWNERS, 0.8);
const domains = new Zipf(DOMAINS, 0.4);
const tags = new Zipf(TAGS, 0.9);
const statusWeights = weights(STATUS_WEIGHTS);
const keywordWeights = weights(RFC2119_WEIGHTS);
const dependencyCountWeights = weights({ 0: 30, 1: 35, 2: 22, 3: 13 });
const tagCountWeights = weights({ 0: 25, 1: 35, 2: 25, 3: 15 });
const languageWeights = weights({ ts: 45, py: 25, go: 20, sql: 10 });

/** Stream ids, so specs and code files never share a PRNG stream. */
const SPEC_STREAM = 1;
const CODE_STREAM = 2;

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2021, 0, 1);
const LAST_DAY = Date.UTC(2025, 5, 30);

/** `spec-00042`: ids are 1-based and zero-padded to at least five digits. */
export function specId(index, width) {
  return `spec-${String(index + 1).padStart(width, '0')}`;
}

export function idWidth(count) {
  return Math.max(5, String(count).length);
}

/** The words a sentence template needs, drawn from one spec's stream. */
class Words {
  constructor(random, domain) {
    this.random = random;
    this.domain = domain;
  }
  n() { return nouns.sample(this.random); }
  v() { return verbs.sample(this.random); }
  a() { return adjectives.sample(this.random); }
  num() { return this.random.pick([2, 3, 5, 10, 15, 30, 50, 100, 200, 500, 1000, 5000]); }
}

const CONTEXT_SENTENCES = [
  (w) => `Today the ${w.n()} service has no way to ${w.v()} ${w.a()} ${w.n()} records, so ${w.n()} teams ${w.v()} them by hand.`,
  (w) => `When a ${w.n()} ${w.n()} is ${w.a()}, the ${w.n()} layer cannot ${w.v()} the ${w.n()} in time.`,
  (w) => `Customers in the ${w.domain} area report that ${w.a()} ${w.n()} requests fail to ${w.v()} during ${w.n()} peaks.`,
  (w) => `This spec describes how the ${w.n()} should ${w.v()} each ${w.n()} without touching the ${w.n()} store.`,
  (w) => `The current ${w.n()} ${w.n()} was built before ${w.a()} ${w.n()} support existed.`,
  (w) => `Operators need to ${w.v()} the ${w.n()} and ${w.v()} the ${w.n()} from a single ${w.n()}.`,
  (w) => `As a result, ${w.n()} latency and ${w.n()} cost grow with every ${w.a()} ${w.n()}.`,
  (w) => `We expect the ${w.a()} ${w.n()} to ${w.v()} roughly ${w.num()} ${w.n()} entries per day.`,
  (w) => `Support tickets show that ${w.a()} ${w.n()} handling is the most common ${w.n()} complaint.`,
  (w) => `The ${w.domain} team owns the ${w.n()} and will ${w.v()} it together with the ${w.n()} owners.`,
  (w) => `Without a ${w.a()} ${w.n()}, every ${w.n()} has to ${w.v()} its own ${w.n()} copy.`,
  (w) => `Security review asked us to ${w.v()} the ${w.n()} before any ${w.a()} ${w.n()} reaches the ${w.n()}.`,
];

const SUBJECTS = [(w) => 'system', (w) => 'API', (w) => `${w.n()} service`, (w) => 'CLI', (w) => `${w.n()} worker`, (w) => 'gateway', (w) => `${w.domain} service`];

const REQUIREMENT_TAILS = [
  (w) => ` when the ${w.n()} is ${w.a()}`,
  (w) => ` within ${w.num()} ms`,
  (w) => ` for every ${w.a()} ${w.n()}`,
  (w) => ` before the ${w.n()} expires`,
  (w) => ` and record a ${w.n()} event`,
  (w) => ` on each ${w.n()} ${w.n()}`,
  (w) => ` after ${w.num()} failed attempts`,
  () => '',
];

const ACCEPTANCE_SENTENCES = [
  (w) => `An integration test creates a ${w.a()} ${w.n()}, triggers a ${w.n()} ${w.n()}, and checks the ${w.n()} metric.`,
  (w) => `A load test with ${w.num()} concurrent ${w.n()} clients keeps the ${w.n()} p95 under ${w.num()} ms.`,
  (w) => `The ${w.n()} dashboard shows each ${w.a()} ${w.n()} within one minute.`,
  (w) => `Unit tests cover every ${w.n()} path, including ${w.a()} and ${w.a()} ${w.n()} input.`,
  (w) => `A demo to the ${w.domain} team shows the ${w.n()} flow end to end.`,
  (w) => `Logs contain one ${w.n()} entry per ${w.n()} and no ${w.a()} ${w.n()} values.`,
];

const OUT_OF_SCOPE = [
  (w) => `Changing how the ${w.n()} ${w.n()} is stored.`,
  (w) => `A user interface for ${w.a()} ${w.n()} management.`,
  (w) => `Backfilling ${w.a()} ${w.n()} data from before this change.`,
  (w) => `Support for ${w.a()} ${w.n()} providers.`,
];

function sentences(random, w, templates, min, max) {
  const n = random.int(min, max);
  const out = [];
  for (let i = 0; i < n; i++) out.push(random.pick(templates)(w));
  return out.join(' ');
}

function capitalise(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 3-7 distinct title-case words: an optional verb, up to two adjectives, then nouns. */
function title(random, w) {
  const length = random.int(3, 7);
  const parts = [];
  const add = (draw) => {
    // Redraw repeats: Zipf makes "Token Token Token" likely, and no one titles a spec like that.
    for (let tries = 0; tries < 10; tries++) {
      const word = draw();
      if (!parts.includes(word)) return void parts.push(word);
    }
  };
  if (random.chance(0.4)) add(() => w.v());
  if (random.chance(0.5) && parts.length < length - 1) add(() => w.a());
  if (length >= 6 && random.chance(0.5)) add(() => w.a());
  while (parts.length < length) add(() => w.n());
  return parts.map(capitalise).join(' ');
}

function dependencies(random, index, width) {
  const n = Math.min(index, Number(random.weighted(dependencyCountWeights)));
  const chosen = new Set();
  // Most dependencies are on recent specs (same initiative), some anywhere before this one.
  for (let tries = 0; chosen.size < n && tries < 20; tries++) {
    const near = random.chance(0.7);
    const j = near ? index - 1 - Math.floor(random.next() ** 2 * Math.min(index, 200)) : Math.floor(random.next() * index);
    chosen.add(j);
  }
  return [...chosen].sort((x, y) => x - y).map((j) => specId(j, width));
}

/**
 * The text of spec `index` (0-based) in a corpus of `shape` = {count, seed, codeFiles, rare}
 * where `rare` is the set of indices whose body mentions RARE_TERM.
 * Returns {id, domain, text, requirementCount}.
 */
export function renderSpec(index, shape) {
  const random = new Random(mixSeed(shape.seed, SPEC_STREAM, index));
  const width = idWidth(shape.count);
  const id = specId(index, width);
  const domain = domains.sample(random);
  const w = new Words(random, domain);
  const specTitle = title(random, w);
  const status = random.weighted(statusWeights);
  const phase = random.int(1, 4);
  const owner = owners.sample(random);
  const tagCount = Number(random.weighted(tagCountWeights));
  const specTags = new Set();
  for (let i = 0; i < tagCount; i++) specTags.add(tags.sample(random));
  const dependsOn = dependencies(random, index, width);
  const created = FIRST_DAY + random.int(0, 1460) * DAY_MS;
  const updated = Math.min(LAST_DAY, created + random.int(0, 365) * DAY_MS);

  const front = [
    '---',
    `id: ${id}`,
    `title: ${specTitle}`,
    'kind: spec',
    `status: ${status}`,
    `phase: ${phase}`,
    `domain: ${domain}`,
    `owner: ${owner}`,
    `tags: [${[...specTags].join(', ')}]`,
    `depends_on: [${dependsOn.join(', ')}]`,
  ];
  // Drawn whether or not there is code, so the rest of the spec does not depend on --code-files.
  const governsCode = random.chance(0.1);
  const moduleDraw = random.next();
  if (shape.codeFiles > 0 && governsCode) {
    const modules = Math.ceil(shape.codeFiles / FILES_PER_MODULE);
    front.push(`code: [src/mod-${String(Math.floor(moduleDraw * modules)).padStart(4, '0')}/**]`);
  }
  front.push(`created: ${isoDay(created)}`, `updated: ${isoDay(updated)}`, '---');

  let context = sentences(random, w, CONTEXT_SENTENCES, 4, 6);
  if (shape.rare.has(index)) context += ` Internally this work is tracked under the codename ${RARE_TERM}.`;
  const requirementCount = random.int(3, 8);
  const requirements = [];
  for (let r = 1; r <= requirementCount; r++) {
    const subject = random.pick(SUBJECTS)(w);
    const keyword = random.weighted(keywordWeights);
    requirements.push(`- **REQ-${String(r).padStart(3, '0')}** The ${subject} ${keyword} ${w.v()} the ${w.a()} ${w.n()}${random.pick(REQUIREMENT_TAILS)(w)}.`);
  }

  const text = [
    ...front,
    `# ${specTitle}`,
    '',
    '## Context',
    '',
    context,
    '',
    sentences(random, w, CONTEXT_SENTENCES, 3, 5),
    '',
    '## Requirements',
    '',
    ...requirements,
    '',
    '## Acceptance',
    '',
    sentences(random, w, ACCEPTANCE_SENTENCES, 3, 4),
    '',
    '## Out of scope',
    '',
    `- ${random.pick(OUT_OF_SCOPE)(w)}`,
    '',
  ].join('\n');
  return { id, domain, text, requirementCount };
}

/** Code files per `src/mod-XXXX/` folder. */
export const FILES_PER_MODULE = 25;

const COMMENT = { ts: '//', py: '#', go: '//', sql: '--' };

function camel(words) {
  return words.map((x, i) => (i === 0 ? x : capitalise(x))).join('');
}

const BLOCKS = {
  ts: (w) => {
    const [verb, noun] = [w.v(), w.n()];
    return [
      `export function ${camel([verb, w.a(), noun])}(input: string, limit = ${w.num()}): string[] {`,
      `  const items = input.split(',').map((s) => s.trim());`,
      `  if (items.length > limit) {`,
      `    throw new Error('too many ${noun} items to ${verb}');`,
      `  }`,
      `  return items.filter(Boolean);`,
      `}`,
    ];
  },
  py: (w) => {
    const [verb, noun] = [w.v(), w.n()];
    return [
      `def ${verb}_${w.a()}_${noun}(value, limit=${w.num()}):`,
      `    """${capitalise(verb)} the ${w.a()} ${noun}."""`,
      `    items = [s.strip() for s in value.split(",")]`,
      `    if len(items) > limit:`,
      `        raise ValueError("too many ${noun} items")`,
      `    return [s for s in items if s]`,
    ];
  },
  go: (w) => {
    const [verb, noun] = [w.v(), w.n()];
    return [
      `func ${capitalise(camel([verb, w.a(), noun]))}(input string, limit int) ([]string, error) {`,
      `\titems := strings.Split(input, ",")`,
      `\tif len(items) > limit {`,
      `\t\treturn nil, fmt.Errorf("too many ${noun} items to ${verb}")`,
      `\t}`,
      `\treturn items, nil`,
      `}`,
    ];
  },
  sql: (w) => {
    const table = `${w.a()}_${w.n()}`;
    return [
      `CREATE TABLE IF NOT EXISTS ${table} (`,
      `  id BIGINT PRIMARY KEY,`,
      `  ${w.n()}_key TEXT NOT NULL,`,
      `  created_at TIMESTAMP NOT NULL DEFAULT now()`,
      `);`,
      `CREATE INDEX IF NOT EXISTS idx_${table}_created ON ${table} (created_at);`,
    ];
  },
};

const PRELUDE = {
  ts: () => [`import { createHash } from 'node:crypto';`, '', `export const MODULE_HASH = createHash('sha1').update('bench').digest('hex');`],
  py: () => ['import hashlib', '', 'MODULE_HASH = hashlib.sha1(b"bench").hexdigest()'],
  go: (name) => [`package ${name.replace(/-/g, '')}`, '', 'import (', '\t"fmt"', '\t"strings"', ')'],
  sql: () => ['BEGIN;'],
};

/**
 * Source file `index` (0-based) of the corpus: ~40 lines in TypeScript, Python, Go or SQL.
 * About 30% of files carry 1-3 `@sdd <spec-id>/<REQ-ID>` tags naming existing requirements;
 * `requirementCounts[i]` is how many requirements spec i has.
 * Returns {path, text, tags} with path relative to the corpus root.
 */
export function renderCodeFile(index, shape, requirementCounts) {
  const random = new Random(mixSeed(shape.seed, CODE_STREAM, index));
  const w = new Words(random, 'core');
  const lang = random.weighted(languageWeights);
  const module = `mod-${String(Math.floor(index / FILES_PER_MODULE)).padStart(4, '0')}`;
  const file = `file-${String(index).padStart(Math.max(4, String(shape.codeFiles).length), '0')}.${lang}`;
  const c = COMMENT[lang];
  const blockCount = lang === 'sql' ? 5 : 4;
  const tagCount = random.chance(0.3) ? random.int(1, 3) : 0;
  const tagged = new Set();
  while (tagged.size < Math.min(tagCount, blockCount)) tagged.add(random.int(0, blockCount - 1));
  const refs = [];
  const lines = [`${c} Generated for the sdd benchmark: ${module}/${file}`, ...PRELUDE[lang](module), ''];
  for (let b = 0; b < blockCount; b++) {
    if (tagged.has(b)) {
      const spec = random.int(0, shape.count - 1);
      const req = random.int(1, requirementCounts[spec]);
      const ref = `${specId(spec, idWidth(shape.count))}/REQ-${String(req).padStart(3, '0')}`;
      refs.push(ref);
      lines.push(`${c} @sdd ${ref}`);
    }
    lines.push(`${c} ${capitalise(w.v())} the ${w.a()} ${w.n()}.`);
    lines.push(...BLOCKS[lang](w), '');
  }
  if (lang === 'sql') lines.push('COMMIT;', '');
  return { path: `src/${module}/${file}`, text: lines.join('\n'), tags: refs };
}
