import { isDeepStrictEqual } from 'node:util';
import { SddError } from '../shared/errors.js';
import { mappingValues, mergeFrontMatter, type FrontMatterMerge } from './front-matter.js';
import { configuredConflictStyle, DEFAULT_LABELS, gitMergeFile, type ConflictStyle, type LineMergeOptions, type MergeLabels } from '../git/merge-file.js';
import type { Git } from '../git/index.js';
import { FRONT_MATTER_OPENING, splitFrontMatter } from '../spec/front-matter.js';

export interface SpecMergeInput {
  /** The common ancestor's text; empty when both sides added the file. */
  base: string;
  ours: string;
  theirs: string;
  /**
   * The file's path (git's %P): `.md`/`.markdown` is a markdown spec, `.yaml`/`.yml` a YAML spec,
   * anything else is merged by lines. Without it, text opening with `---` is taken as markdown.
   */
  path?: string;
  labels?: MergeLabels;
  /** Unset: the repository's `merge.conflictStyle`. */
  conflictStyle?: ConflictStyle;
  /** The repository, for its configuration. */
  git?: Git;
}

export interface SpecMerge {
  text: string;
  /** Conflicts left in `text`: conflicting front-matter keys plus conflicting body hunks. */
  conflicts: number;
  /** Front-matter keys both sides changed differently, each between conflict markers. */
  fieldConflicts: string[];
  bodyConflicts: number;
  /** `fields`: front matter merged key by key, body by lines. `lines`: the whole file by lines. */
  strategy: 'fields' | 'lines';
  /** Why the file had to be merged by lines only. */
  reason?: string;
}

type Format = 'markdown' | 'yaml' | 'text';
type Eol = '\n' | '\r\n' | null | 'mixed';

interface Side {
  text: string;
  bom: boolean;
  /** null: no line break at all, so the side has no say in the result's line endings. */
  eol: Eol;
}

interface Parts {
  /** The opening `---` line of a markdown spec. */
  head: string;
  yaml: string;
  /** From the closing `---` line to the end: the body. */
  tail: string;
}

const SIDES = ['base', 'ours', 'theirs'] as const;

// @sdd merge-driver/MRG-007
/**
 * Three-way merge of a spec file, as git's merge driver for `.sdd/specs/**`: the front matter
 * (or a YAML spec's mapping) merges key by key, lists as sets, and the body merges by lines the
 * way git does. Only true conflicts remain, marked with standard conflict markers. A side that is
 * not a well-formed spec (malformed YAML, no front matter, mixed line endings) makes it a plain
 * line merge of the whole file: never a crash, never a lost edit. Line endings and a BOM follow
 * the three-way rule too: a side that changed them wins. Runs `git merge-file`; never prints.
 */
export async function mergeSpecText(input: SpecMergeInput): Promise<SpecMerge> {
  const lineOpts: LineMergeOptions = { labels: input.labels ?? DEFAULT_LABELS, conflictStyle: input.conflictStyle, git: input.git };
  const byLines = async (reason: string): Promise<SpecMerge> => {
    const r = await gitMergeFile(input.base, input.ours, input.theirs, lineOpts);
    return { text: r.output.toString('utf8'), conflicts: r.conflicts, fieldConflicts: [], bodyConflicts: r.conflicts, strategy: 'lines', reason };
  };
  const format = formatOf(input.path, input.ours);
  if (format === 'text') return byLines('not a .md, .yaml or .yml file');
  const [base, ours, theirs] = [input.base, input.ours, input.theirs].map(normalise);
  const mixed = SIDES.filter((_, i) => [base, ours, theirs][i].eol === 'mixed');
  if (mixed.length) return byLines(`${mixed.join(', ')}: mixed line endings (CRLF and LF)`);

  const parts = [base, ours, theirs].map((s, i) => (format === 'yaml' || (i === 0 && s.text === '') ? { head: '', yaml: s.text, tail: '' } : splitMarkdown(s.text)));
  const unsplit = SIDES.filter((_, i) => parts[i] === null);
  if (unsplit.length) return byLines(unsplit.length === 3 ? 'no front matter' : `${unsplit.join(', ')}: no front matter`);
  const [b, o, t] = parts as Parts[];

  let fields: FrontMatterMerge;
  try {
    fields = await mergeFrontMatter(b.yaml, o.yaml, t.yaml, {
      labels: lineOpts.labels!,
      lineOffset: format === 'markdown' ? 1 : 0,
      conflictStyle: () => (input.conflictStyle ? Promise.resolve(input.conflictStyle) : configuredConflictStyle(input.git)),
      mergeLines: async (bt, ot, tt) => {
        const r = await gitMergeFile(bt, ot, tt, lineOpts);
        return { text: r.output.toString('utf8'), conflicts: r.conflicts };
      },
    });
  } catch (err) {
    // Inside `git merge` a crash is the worst outcome: whatever YAML defeats the key-by-key
    // merge, git's line merge still handles the file.
    if (err instanceof SddError) throw err;
    fields = { ok: false, reason: `the front matter could not be merged key by key (${(err as Error)?.message ?? String(err)})` };
  }
  if (!fields.ok) return byLines(fields.reason);

  let text: string | undefined;
  let bodyConflicts = 0;
  if (fields.conflicts.length === 0) {
    // git's own line merge keeps both sides' formatting and comments; take it when it is clean and
    // its front matter says exactly what the key-by-key merge decided (it is often not clean:
    // edits on adjacent lines of the front matter are where git needs help).
    const whole = await gitMergeFile(base.text, ours.text, theirs.text, lineOpts);
    const candidate = whole.output.toString('utf8');
    if (whole.conflicts === 0 && agrees(candidate, format, fields.expected)) text = candidate;
  }
  if (text === undefined) {
    const body = format === 'markdown' ? await gitMergeFile(b.tail, o.tail, t.tail, lineOpts) : null;
    bodyConflicts = body?.conflicts ?? 0;
    text = o.head + fields.text + (body ? body.output.toString('utf8') : '');
  }
  const eol = threeWay(base.eol, ours.eol, theirs.eol) ?? '\n';
  const bom = threeWay(base.bom, ours.bom, theirs.bom);
  if (eol === '\r\n') text = text.replace(/\n/g, '\r\n');
  if (bom) text = '\uFEFF' + text;
  return { text, conflicts: fields.conflicts.length + bodyConflicts, fieldConflicts: fields.conflicts, bodyConflicts, strategy: 'fields' };
}

/** The three versions as bytes (git's temp files), for mergeSpecFile. */
export interface SpecFileMergeInput extends Omit<SpecMergeInput, 'base' | 'ours' | 'theirs'> {
  base: Uint8Array;
  ours: Uint8Array;
  theirs: Uint8Array;
}

// @sdd merge-driver/MRG-001
/**
 * mergeSpecText for file contents: UTF-8 text is merged as a spec; anything else (another
 * encoding, binary) goes to git merge-file untouched, because decoding it would change bytes.
 */
export async function mergeSpecFile(input: SpecFileMergeInput): Promise<SpecMerge & { output: Buffer }> {
  const texts = [input.base, input.ours, input.theirs].map(decodeUtf8);
  if (texts.every((t): t is string => t !== null)) {
    const merged = await mergeSpecText({ ...input, base: texts[0], ours: texts[1], theirs: texts[2] });
    return { ...merged, output: Buffer.from(merged.text, 'utf8') };
  }
  const r = await gitMergeFile(input.base, input.ours, input.theirs, { labels: input.labels ?? DEFAULT_LABELS, conflictStyle: input.conflictStyle, git: input.git });
  const reason = `${SIDES.filter((_, i) => texts[i] === null).join(', ')}: not UTF-8 text`;
  return { text: r.output.toString('utf8'), output: r.output, conflicts: r.conflicts, fieldConflicts: [], bodyConflicts: r.conflicts, strategy: 'lines', reason };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // ignoreBOM keeps a BOM in the string, so that the merge can keep it in the file.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function formatOf(file: string | undefined, ours: string): Format {
  if (file === undefined || file === '') return FRONT_MATTER_OPENING.test(ours) ? 'markdown' : 'yaml';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.(md|markdown)$/i.test(file)) return 'markdown';
  return 'text';
}

/** The text with a BOM removed and CRLF turned into LF, remembering both. */
function normalise(raw: string): Side {
  const bom = raw.startsWith('\uFEFF');
  const text = bom ? raw.slice(1) : raw;
  const lf = text.split('\n').length - 1;
  const crlf = text.split('\r\n').length - 1;
  const eol: Eol = lf === 0 ? null : crlf === lf ? '\r\n' : crlf === 0 ? '\n' : 'mixed';
  return { text: eol === '\r\n' ? text.replace(/\r\n/g, '\n') : text, bom, eol };
}

/** A markdown spec's text cut at its front-matter fences, as specs are read. */
function splitMarkdown(text: string): Parts | null {
  const block = splitFrontMatter(text);
  if (!block?.closed) return null;
  return { head: text.slice(0, block.start), yaml: text.slice(block.start, block.end), tail: text.slice(block.end) };
}

function agrees(text: string, format: Format, expected: Record<string, unknown>): boolean {
  const yaml = format === 'yaml' ? text : splitMarkdown(text)?.yaml;
  if (yaml === undefined) return false;
  const values = mappingValues(yaml);
  return values !== null && isDeepStrictEqual(values, expected);
}

// @sdd merge-driver/MRG-008
/** The side that changed a property wins; a side with no say (null) defers to the others. */
function threeWay<T>(base: T | null, ours: T | null, theirs: T | null): T | null {
  if (ours === null) return theirs ?? base;
  if (theirs === null || base === null) return ours;
  return ours === base ? theirs : ours;
}
