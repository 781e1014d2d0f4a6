import { isDeepStrictEqual } from 'node:util';
import { Document, LineCounter, Pair, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { ConflictStyle, MergeLabels } from '../git/merge-file.js';
import { ABSENT, decideKey, type ItemRef } from './values.js';

/** One top-level `key: value` of a side, with the lines it occupies. */
interface PairInfo {
  key: string;
  pair: Pair;
  /** Where its lines start and end in the side's text (from the key's line to the end of its value's last line). */
  start: number;
  end: number;
  /** Those lines, ending with a newline. */
  lines: string;
  value: unknown;
}

interface Mapping {
  text: string;
  pairs: PairInfo[];
  byKey: Map<string, PairInfo>;
}

export interface FrontMatterOptions {
  labels: MergeLabels;
  /** Asked only when a key conflicts: how to draw the markers. */
  conflictStyle(): Promise<ConflictStyle>;
  /** A line merge of three strings (multi-line values such as a YAML spec's `body: |`). */
  mergeLines(base: string, ours: string, theirs: string): Promise<{ text: string; conflicts: number }>;
  /** File lines before the YAML text (1 for a markdown spec's opening `---`), for messages. */
  lineOffset: number;
}

export type FrontMatterMerge =
  /** The YAML cannot be merged key by key; `reason` says why, for the user. */
  | { ok: false; reason: string }
  /** `text` is ours' YAML with theirs' changes applied; conflicting keys carry conflict markers. */
  | { ok: true; text: string; conflicts: string[]; expected: Record<string, unknown> };

type Chunk = string | { ours: string; base: string; theirs: string };

/** Where a key that only theirs has goes in ours' text. */
interface Insertion {
  after?: string;
  before?: string;
  chunk: Chunk;
}

// @sdd merge-driver/MRG-002, merge-driver/MRG-005
/**
 * Three-way merge of a YAML mapping (a spec's front matter, or a whole YAML spec), key by key.
 * The result is ours' text with theirs' changes spliced in: keys ours has keep their lines,
 * comments and order; a key theirs changed gets theirs' lines; a key theirs added goes after the
 * key it follows in theirs. Both sides changing a key differently leaves conflict markers around
 * that key's lines. The result is re-parsed and must mean exactly what the merge decided, or the
 * merge is declined (`ok: false`) so the caller can fall back to a plain line merge.
 */
export async function mergeFrontMatter(base: string, ours: string, theirs: string, opts: FrontMatterOptions): Promise<FrontMatterMerge> {
  const sides = { base: parseMapping(base, opts.lineOffset), ours: parseMapping(ours, opts.lineOffset), theirs: parseMapping(theirs, opts.lineOffset) };
  for (const [name, side] of Object.entries(sides)) if (typeof side === 'string') return { ok: false, reason: `${name}: ${side}` };
  const [b, o, t] = [sides.base, sides.ours, sides.theirs] as Mapping[];

  const replace = new Map<string, Chunk | null>();
  const insertions: Insertion[] = [];
  const conflicts: string[] = [];
  const expected = { ours: {} as Record<string, unknown>, theirs: {} as Record<string, unknown> };
  const keys = [...o.pairs.map((p) => p.key), ...t.pairs.map((p) => p.key).filter((k) => !o.byKey.has(k))];

  for (const key of keys) {
    const [bp, op, tp] = [b.byKey.get(key), o.byKey.get(key), t.byKey.get(key)];
    const [bv, ov, tv] = [bp ? bp.value : ABSENT, op ? op.value : ABSENT, tp ? tp.value : ABSENT];
    let decision = decideKey(bv, ov, tv);
    let merged: { chunk: Chunk | null; value: unknown } | undefined;
    if (decision.kind === 'theirs') merged = { chunk: tp ? tp.lines : null, value: tv };
    if (decision.kind === 'list') {
      const value = decision.items.map((r) => (r.side === 'ours' ? (ov as unknown[]) : (tv as unknown[]))[r.index]);
      const chunk = renderList(o, op!, tp!, t, decision.items);
      merged = chunk === null ? undefined : { chunk, value };
      if (!merged) decision = { kind: 'conflict' };
    }
    if (decision.kind === 'lines') {
      const text = isScalar(op!.pair.value) && op!.pair.value.type === 'BLOCK_LITERAL' ? await opts.mergeLines(bv as string, ov as string, tv as string) : null;
      merged = text && text.conflicts === 0 ? { chunk: renderLiteral(o, op!, text.text), value: text.text } : undefined;
      if (!merged) decision = { kind: 'conflict' };
    }
    if (decision.kind === 'conflict') {
      conflicts.push(key);
      const chunk = { ours: op?.lines ?? '', base: bp?.lines ?? '', theirs: tp?.lines ?? '' };
      if (op) replace.set(key, chunk);
      else insertions.push({ ...anchorFor(key, t, o), chunk });
      if (ov !== ABSENT) expected.ours[key] = ov;
      if (tv !== ABSENT) expected.theirs[key] = tv;
      continue;
    }
    const value = merged ? merged.value : ov;
    if (value !== ABSENT) expected.ours[key] = expected.theirs[key] = value;
    if (!merged) continue;
    if (op) replace.set(key, merged.chunk);
    else if (merged.chunk !== null) insertions.push({ ...anchorFor(key, t, o), chunk: merged.chunk });
  }

  const style = conflicts.length ? await opts.conflictStyle() : 'merge';
  const render = (mode: 'markers' | 'ours' | 'theirs') => compose(o, replace, insertions, (c) => chunkText(c, mode, style, opts.labels));
  // The splice works on text; re-reading it proves that it means what was decided (an odd
  // layout, an anchor or an indented mapping can defeat a splice, and then lines are safer).
  const faithful = conflicts.length
    ? meansExactly(render('ours'), expected.ours) && meansExactly(render('theirs'), expected.theirs)
    : meansExactly(render('ours'), expected.ours);
  if (!faithful) return { ok: false, reason: 'the merged YAML could not be written without changing its meaning' };
  return { ok: true, text: render('markers'), conflicts, expected: expected.ours };
}

/** The top-level values of a YAML mapping text, or null when it is not one. */
export function mappingValues(text: string): Record<string, unknown> | null {
  const parsed = parseMapping(text, 0);
  if (typeof parsed === 'string') return null;
  return Object.fromEntries(parsed.pairs.map((p) => [p.key, p.value]));
}

/** Reads a side's YAML; a string says why it cannot be merged key by key. */
function parseMapping(text: string, lineOffset: number): Mapping | string {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    return `malformed YAML at line ${counter.linePos(e.pos[0]).line + lineOffset}: ${e.message.split('\n')[0]}`;
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { text, pairs: [], byKey: new Map() };
  if (!isMap(contents)) return 'the YAML is not a mapping of keys to values';
  if (contents.flow) return 'the mapping is written in flow style ({…})';
  let values: Record<string, unknown>;
  try {
    values = (doc.toJS() ?? {}) as Record<string, unknown>;
  } catch (err) {
    // An alias to an anchor that is not there, or an alias bomb: YAML that parses but has no value.
    return `unusable YAML: ${(err as Error).message}`;
  }
  const pairs: PairInfo[] = [];
  for (const pair of contents.items as Pair[]) {
    if (!isScalar(pair.key) || !pair.key.range) return 'a key is not a plain scalar';
    const key = String(pair.key.value);
    const [start, end] = pairLines(text, pair);
    if (pairs.length && start < pairs[pairs.length - 1].end) return `two keys share a line near "${key}"`;
    pairs.push({ key, pair, start, end, lines: withNewline(text.slice(start, end)), value: values[key] });
  }
  return { text, pairs, byKey: new Map(pairs.map((p) => [p.key, p])) };
}

/** From the start of the key's line to the end of the line its value ends on, newline included. */
function pairLines(text: string, pair: Pair): [number, number] {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const keyStart = key.range![0];
  const start = text.lastIndexOf('\n', keyStart - 1) + 1;
  return [start, lineEnd(text, value?.range?.[1] ?? key.range![1])];
}

function lineEnd(text: string, at: number): number {
  if (at > 0 && text[at - 1] === '\n') return at;
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

const withNewline = (s: string) => (s === '' || s.endsWith('\n') ? s : s + '\n');

/** After the nearest key before it in theirs that ours has; else before the nearest one after it. */
function anchorFor(key: string, theirs: Mapping, ours: Mapping): { after?: string; before?: string } {
  const order = theirs.pairs.map((p) => p.key);
  const at = order.indexOf(key);
  for (let i = at - 1; i >= 0; i--) if (ours.byKey.has(order[i])) return { after: order[i] };
  for (let i = at + 1; i < order.length; i++) if (ours.byKey.has(order[i])) return { before: order[i] };
  return {};
}

/** Ours' text with replaced pairs (null: deleted) and insertions; gaps (comments, blank lines) stay. */
function compose(ours: Mapping, replace: Map<string, Chunk | null>, insertions: Insertion[], text: (c: Chunk) => string): string {
  const src = ours.text;
  let out = '';
  let cursor = 0;
  const put = (s: string) => {
    if (s && out && !out.endsWith('\n')) out += '\n';
    out += s;
  };
  for (const p of ours.pairs) {
    out += src.slice(cursor, p.start);
    for (const i of insertions) if (i.before === p.key) put(text(i.chunk));
    const r = replace.get(p.key);
    if (r === undefined) out += src.slice(p.start, p.end);
    else if (r !== null) put(text(r));
    for (const i of insertions) if (i.after === p.key) put(text(i.chunk));
    cursor = p.end;
  }
  out += src.slice(cursor);
  for (const i of insertions) if (i.after === undefined && i.before === undefined) put(text(i.chunk));
  return out;
}

// @sdd merge-driver/MRG-004
function chunkText(chunk: Chunk, mode: 'markers' | 'ours' | 'theirs', style: ConflictStyle, labels: MergeLabels): string {
  if (typeof chunk === 'string') return chunk;
  if (mode === 'ours') return chunk.ours;
  if (mode === 'theirs') return chunk.theirs;
  const base = style === 'merge' ? '' : `||||||| ${labels.base}\n${chunk.base}`;
  return `<<<<<<< ${labels.ours}\n${chunk.ours}${base}=======\n${chunk.theirs}>>>>>>> ${labels.theirs}\n`;
}

// @sdd merge-driver/MRG-005
function meansExactly(text: string, expected: Record<string, unknown>): boolean {
  const values = mappingValues(text);
  return values !== null && isDeepStrictEqual(values, expected);
}

/**
 * Ours' list pair rewritten to hold the merged items. A block list is edited line by line (kept
 * items keep their lines and comments; theirs' items come in theirs' words, re-indented); a flow
 * list is re-rendered in flow style inside ours' line. Null when the lines cannot be worked out.
 */
function renderList(ours: Mapping, op: PairInfo, tp: PairInfo, theirs: Mapping, refs: ItemRef[]): string | null {
  if (refs.every((r, i) => r.side === 'ours' && r.index === i) && refs.length === (op.value as unknown[]).length) return op.lines;
  if (refs.every((r, i) => r.side === 'theirs' && r.index === i) && refs.length === (tp.value as unknown[]).length) return tp.lines;
  const oSeq = op.pair.value;
  const tSeq = tp.pair.value;
  if (!isSeq(oSeq) || !isSeq(tSeq)) return null;
  const nodeOf = (r: ItemRef) => ((r.side === 'ours' ? oSeq : tSeq).items[r.index] as Node).clone();
  if (oSeq.flow || refs.length === 0) {
    if (!oSeq.range) return null;
    const seq = new YAMLSeq();
    seq.flow = true;
    seq.items = refs.map(nodeOf);
    // Keep ours' spacing inside the brackets: `[ a, b ]` or `[a, b]` (the latter for a new flow list).
    const padded = oSeq.flow && /^\[\s/.test(ours.text.slice(oSeq.range[0]));
    const flow = new Document(seq).toString({ lineWidth: 0, flowCollectionPadding: padded }).replace(/\n$/, '');
    if (oSeq.flow) return withNewline(ours.text.slice(op.start, oSeq.range[0]) + flow + ours.text.slice(oSeq.range[1], op.end));
    return withNewline(`${ours.text.slice(op.start, (op.pair.key as Node).range![1])}: ${flow}`);
  }
  const oItems = oSeq.items.map((n) => itemLines(ours.text, n as Node));
  if (oItems.some((i) => i === null)) return null;
  const col = oItems[0]!.dash;
  const theirsItem = (index: number): string => {
    const lines = !tSeq.flow ? itemLines(theirs.text, tSeq.items[index] as Node) : null;
    if (lines) return reindent(theirs.text.slice(lines.start, lines.end), lines.dash, col);
    const one = new YAMLSeq();
    one.items = [(tSeq.items[index] as Node).clone()];
    return reindent(withNewline(new Document(one).toString({ lineWidth: 0 })), 0, col);
  };
  let out = ours.text.slice(op.start, oItems[0]!.start);
  for (let i = 0; i < oItems.length; i++) {
    const item = oItems[i]!;
    const replacement = refs.find((r) => r.side === 'theirs' && r.replaces === i);
    if (replacement) out += theirsItem(replacement.index);
    else if (refs.some((r) => r.side === 'ours' && r.index === i)) out += ours.text.slice(item.start, item.end);
    if (i === oItems.length - 1) {
      if (out !== '' && !out.endsWith('\n')) out += '\n';
      for (const r of refs) if (r.side === 'theirs' && r.replaces === undefined) out += theirsItem(r.index);
    }
    out += ours.text.slice(item.end, i + 1 < oItems.length ? oItems[i + 1]!.start : op.end);
  }
  return withNewline(out);
}

/** The lines of a block-list item (`  - value  # comment`) and the column of its dash. */
function itemLines(text: string, node: Node): { start: number; end: number; dash: number } | null {
  if (!node.range) return null;
  const start = text.lastIndexOf('\n', node.range[0] - 1) + 1;
  const lead = /^( *)-[ \t]+$/.exec(text.slice(start, node.range[0]));
  if (!lead) return null;
  return { start, end: lineEnd(text, node.range[1]), dash: lead[1].length };
}

function reindent(lines: string, from: number, to: number): string {
  if (from === to) return withNewline(lines);
  return withNewline(lines.split('\n').map((l) => (l === '' ? l : to > from ? ' '.repeat(to - from) + l : l.replace(new RegExp(`^ {0,${from - to}}`), ''))).join('\n'));
}

/** Ours' block literal (`key: |`) holding the line-merged text, at ours' indentation. */
function renderLiteral(ours: Mapping, op: PairInfo, value: string): string {
  const key = (op.pair.key as Node).clone() as Node;
  key.commentBefore = undefined;
  key.spaceBefore = false;
  const scalar = (op.pair.value as Node).clone() as Node & { value: unknown };
  scalar.value = value;
  scalar.comment = undefined;
  scalar.commentBefore = undefined;
  const firstContent = /\n( +)\S/.exec(ours.text.slice(op.start, op.end));
  const map = new YAMLMap();
  map.items.push(new Pair(key, scalar));
  return withNewline(new Document(map).toString({ lineWidth: 0, indent: firstContent ? firstContent[1].length : 2 }));
}
