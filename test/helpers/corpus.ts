import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/**
 * A small deterministic generator of spec projects for index tests, plus an independent reader
 * of spec files. Every generated spec is also returned as a plain object (the "model"), so tests
 * compute expected answers in JavaScript and never ask sdd what the right answer is.
 */

export const STATUSES = ['draft', 'review', 'approved', 'implemented', 'deprecated'] as const;
export const DOMAINS = ['auth', 'billing', 'search', 'storage', 'infra'] as const;
export const TAGS = ['security', 'perf', 'ux', 'api', 'legacy'] as const;
export const OWNERS = ['alice@example.test', 'bob@example.test', 'carol@example.test', 'dave@example.test'] as const;

/**
 * Words for titles and bodies. Each has its own Porter stem, shares it with no filler word, and
 * never appears with a suffix, so "token equals word" is exactly what FTS5 matches.
 */
export const WORDS = [
  'zephyr', 'quasar', 'nimbus', 'falcon', 'ember', 'lantern', 'cobalt', 'saffron', 'tundra', 'willow',
  'orchid', 'granite', 'harbor', 'meadow', 'summit', 'canyon', 'glacier', 'prism', 'beacon', 'cipher',
] as const;

/** One generated spec, as written to its file. */
export interface CorpusSpec {
  id: string;
  /** Project-relative path, e.g. `.sdd/specs/auth/s-001.md`. */
  file: string;
  title: string;
  status: string;
  /** 1–4, the string `beta`, or absent (null). */
  phase: number | string | null;
  domain: string;
  owner: string;
  tags: string[];
  dependsOn: string[];
  /** Extra front-matter keys; null means the key is absent. */
  priority: 'high' | 'low' | null;
  estimate: number | null;
  created: string;
  updated: string;
  requirements: Array<{ id: string; text: string }>;
  /** The markdown after the front matter. */
  body: string;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function sample<T>(random: () => number, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const capitalise = (w: string) => w[0].toUpperCase() + w.slice(1);

export interface GenerateOptions {
  seed?: number;
  /** Extra filler paragraphs per spec, to make files (and rebuilds) bigger. */
  padding?: number;
  /** Width of the zero-padded number in ids (`s-001` for 3). */
  idWidth?: number;
}

/**
 * `count` specs with varied status, phase, domain, tags, owner, dependencies (on earlier specs
 * only, plus the odd dangling one), extra keys `priority` and `estimate`, dates, requirements
 * REQ-001… and title/body words from WORDS. Same arguments, same specs, byte for byte.
 */
export function generateSpecs(count: number, opts: GenerateOptions = {}): CorpusSpec[] {
  const random = seededRandom(opts.seed ?? 1);
  const width = opts.idWidth ?? Math.max(3, String(count).length);
  const specs: CorpusSpec[] = [];
  const day = 86_400_000;
  for (let i = 0; i < count; i++) {
    const id = `s-${String(i + 1).padStart(width, '0')}`;
    const domain = pick(random, DOMAINS);
    const titleWords = sample(random, WORDS, 2 + Math.floor(random() * 2));
    const r = random();
    const phase = r < 0.15 ? null : r < 0.2 ? 'beta' : 1 + Math.floor(random() * 4);
    const depCount = i === 0 ? 0 : Math.floor(random() * 4);
    const dependsOn = [...new Set(Array.from({ length: depCount }, () => specs[Math.floor(random() * i)].id))];
    if (random() < 0.03) dependsOn.push('ghost-spec');
    const pr = random();
    const er = random();
    const estimate = er < 0.2 ? null : er < 0.3 ? Math.floor(random() * 10) + 0.5 : 1 + Math.floor(random() * 13);
    const createdMs = Date.UTC(2023, 0, 1) + Math.floor(random() * 500) * day;
    const requirements = Array.from({ length: Math.floor(random() * 6) }, (_, k) => ({
      id: `REQ-${String(k + 1).padStart(3, '0')}`,
      text: `The service ${pick(random, ['MUST', 'SHOULD', 'MAY'])} keep the ${pick(random, WORDS)} record for each ${pick(random, WORDS)} request.`,
    }));
    const paragraphs: string[] = [];
    for (let p = 0; p < 1 + (opts.padding ?? 0); p++) {
      paragraphs.push(`This part covers the ${sample(random, WORDS, 3).join(' ')} flow and how operators use it every day.`);
    }
    const body = [
      '',
      `# ${titleWords.map(capitalise).join(' ')}`,
      '',
      ...paragraphs.flatMap((p) => [p, '']),
      '## Requirements',
      '',
      ...requirements.map((q) => `- **${q.id}** ${q.text}`),
      '',
    ].join('\n');
    specs.push({
      id,
      file: `.sdd/specs/${domain}/${id}.md`,
      title: titleWords.map((w, k) => (k === 0 ? capitalise(w) : w)).join(' '),
      status: pick(random, STATUSES),
      phase,
      domain,
      owner: pick(random, OWNERS),
      tags: sample(random, TAGS, Math.floor(random() * 3)),
      dependsOn,
      priority: pr < 0.4 ? 'high' : pr < 0.8 ? 'low' : null,
      estimate,
      created: isoDay(createdMs),
      updated: isoDay(createdMs + Math.floor(random() * 400) * day),
      requirements,
      body,
    });
  }
  return specs;
}

/** The file text of a generated spec: front matter (block lists, plain scalars) and body. */
export function renderSpec(s: CorpusSpec): string {
  const lines = ['---', `id: ${s.id}`, `title: ${s.title}`, `status: ${s.status}`];
  if (s.phase !== null) lines.push(`phase: ${s.phase}`);
  lines.push(`domain: ${s.domain}`, `owner: ${s.owner}`);
  lines.push(s.tags.length ? `tags:\n${s.tags.map((t) => `  - ${t}`).join('\n')}` : 'tags: []');
  lines.push(s.dependsOn.length ? `depends_on:\n${s.dependsOn.map((d) => `  - ${d}`).join('\n')}` : 'depends_on: []');
  if (s.priority !== null) lines.push(`priority: ${s.priority}`);
  if (s.estimate !== null) lines.push(`estimate: ${s.estimate}`);
  lines.push(`created: ${s.created}`, `updated: ${s.updated}`, '---');
  return lines.join('\n') + s.body;
}

/**
 * Makes `root` an sdd project (`.sdd/config.yaml`, `.sdd/.gitignore` ignoring the cache) and
 * writes every spec to its file.
 */
export function writeCorpus(root: string, specs: CorpusSpec[]): void {
  fs.mkdirSync(path.join(root, '.sdd', 'specs'), { recursive: true });
  fs.writeFileSync(path.join(root, '.sdd', 'config.yaml'), 'version: 1\n');
  fs.writeFileSync(path.join(root, '.sdd', '.gitignore'), '.cache/\n');
  for (const s of specs) {
    const file = path.join(root, s.file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderSpec(s));
  }
}

/** What `sdd list --json` prints for one spec. */
export interface SummaryJson {
  id: string;
  title: string;
  status: string;
  kind: string;
  phase: number | string | null;
  domain: string | null;
  owner: string | null;
  tags: string[];
  depends_on: string[];
  file: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((x): x is string => x !== null) : str(v) === null ? [] : [str(v)!]);

/**
 * Reads every spec file under `<root>/.sdd/specs` (`.md` with front matter, skipping dot-files
 * and unparsable files) with the `yaml` package, independently of sdd's own parser, and returns
 * the summaries `sdd list --json` should print, in its order (id, then file).
 */
export function readSpecSummaries(root: string): SummaryJson[] {
  const out: SummaryJson[] = [];
  const visit = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) visit(path.join(dir, e.name), `${rel}/${e.name}`);
      else if (e.isFile() && e.name.endsWith('.md')) {
        const text = fs.readFileSync(path.join(dir, e.name), 'utf8');
        const m = /^---\n([\s\S]*?)\n---(\n|$)/.exec(text);
        if (!m) continue;
        const d = YAML.parse(m[1], { schema: 'core' }) as Record<string, unknown>;
        out.push({
          id: str(d.id) ?? '', title: str(d.title) ?? '', status: str(d.status) ?? '', kind: str(d.kind) ?? 'spec',
          phase: typeof d.phase === 'number' || typeof d.phase === 'string' ? d.phase : null,
          domain: str(d.domain), owner: str(d.owner), tags: strList(d.tags), depends_on: strList(d.depends_on), file: `${rel}/${e.name}`,
        });
      }
    }
  };
  const specsDir = path.join(root, '.sdd', 'specs');
  if (fs.existsSync(specsDir)) visit(specsDir, '.sdd/specs');
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Copies a project without its index (`.sdd/.cache`) and without `.git`. */
export function copyProject(from: string, to: string): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(from, src).split(path.sep).join('/');
      return rel !== '.git' && rel !== '.sdd/.cache' && !rel.startsWith('.git/') && !rel.startsWith('.sdd/.cache/');
    },
  });
}

/** Lower-cased word tokens, split the way FTS5's unicode61 tokenizer splits ASCII text. */
export function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
