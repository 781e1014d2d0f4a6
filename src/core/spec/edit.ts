import { isDeepStrictEqual } from 'node:util';
import { LineCounter, Scalar, isAlias, isMap, isScalar, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import { SddError } from '../shared/errors.js';
import { replaceFileAtomic } from '../shared/fs-atomic.js';
import { splitFrontMatter } from './front-matter.js';
import { yamlScalar } from '../shared/yaml-scalar.js';

/** Changes to the top-level keys of a spec's front matter. Values are written as YAML strings. */
export interface FrontMatterEdit {
  /** Keys to set. A key that is not there yet goes on the line after `after` when that key exists, else at the end. */
  set?: Array<{ key: string; value: string; after?: string }>;
  /** Keys to remove (absent ones are ignored). */
  delete?: string[];
}

/** The YAML part of a spec file: where it sits in the text, and how far its lines are shifted. */
interface Block {
  start: number;
  end: number;
  /** File lines before the block (the opening `---` of a markdown file). */
  lineOffset: number;
}

// @sdd lifecycle/LIF-003
/**
 * Applies `edit` to the front matter of a spec file's text (markdown: the block between the `---`
 * lines; a `.yaml`/`.yml` spec: the whole file) and returns the new text. Only the lines of the
 * keys that change are touched: comments, key order, quoting, spacing, line endings, a BOM and the
 * body stay byte for byte. `file` is the project-relative path used in errors. Throws an SddError
 * (never rewrites) when the YAML cannot be parsed or is not a mapping.
 */
export function editFrontMatterText(file: string, text: string, edit: FrontMatterEdit): string {
  const block = locateBlock(file, text);
  const yamlText = text.slice(block.start, block.end);
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, keepSourceTokens: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = counter.linePos(e.pos[0]);
    throw new SddError('yaml_syntax', `Malformed YAML in ${file}: ${e.message.split('\n')[0]}; the file was not changed`, {
      target: { file, line: pos.line + block.lineOffset, column: pos.col },
      fix: 'Fix the YAML syntax at this line (check indentation, quotes and colons), then run the command again.',
    });
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new SddError('not_a_mapping', `The front matter of ${file} is not a mapping of keys to values; the file was not changed`, {
      target: { file, line: 1 + block.lineOffset },
      fix: 'Write the front matter as `key: value` lines, e.g. `id: my-spec`.',
    });
  }
  const detached = detachAliases(file, yamlText, doc, edit, (at) => counter.linePos(at).line + block.lineOffset);
  if (detached !== yamlText) return editFrontMatterText(file, text.slice(0, block.start) + detached + text.slice(block.end), edit);
  const expected = doc.clone();
  for (const { key, value } of edit.set ?? []) expected.set(key, value);
  for (const key of edit.delete ?? []) expected.delete(key);
  if (isDeepStrictEqual(expected.toJS(), doc.toJS())) return text;

  const eol = yamlText.includes('\r\n') || (!yamlText.includes('\n') && text.includes('\r\n')) ? '\r\n' : '\n';
  let edited = spliceEdit(yamlText, edit, eol);
  const check = edited === null ? null : parseDocument(edited, { prettyErrors: false });
  // The surgical edit covers block mappings, which is what front matter is. Anything it cannot
  // reproduce exactly (a flow mapping, an explicit `? key`) is re-serialised by the yaml package.
  if (check === null || check.errors.length || !isDeepStrictEqual(check.toJS(), expected.toJS())) {
    edited = String(expected.toString({ lineWidth: 0 })).replace(/\r?\n/g, eol);
  }
  return text.slice(0, block.start) + edited + text.slice(block.end);
}

/** Writes `text` (the file's current content) edited by `edit` to `absPath` atomically, if that changes it. Returns whether it did. */
export function writeFrontMatterEdit(absPath: string, file: string, text: string, edit: FrontMatterEdit): boolean {
  const next = editFrontMatterText(file, text, edit);
  if (next === text) return false;
  replaceFileAtomic(absPath, next);
  return true;
}

function locateBlock(file: string, text: string): Block {
  if (/\.ya?ml$/i.test(file)) return { start: text.startsWith('\uFEFF') ? 1 : 0, end: text.length, lineOffset: 0 };
  const block = splitFrontMatter(text);
  if (!block) {
    throw new SddError('front_matter_missing', `${file} has no YAML front matter; the file was not changed`, {
      target: { file, line: 1 },
      fix: 'Start the file with a front-matter block: a line `---`, keys such as `id:`, `title:` and `status:`, then `---`.',
    });
  }
  if (!block.closed) {
    throw new SddError('front_matter_unclosed', `The front matter of ${file} has no closing \`---\` line; the file was not changed`, {
      target: { file, line: 1 },
      fix: 'Add a line `---` after the last front-matter key.',
    });
  }
  return { start: block.start, end: block.end, lineOffset: block.lineOffset };
}

/** The text with each change applied to the lines of its key only, or null when that is not possible. */
function spliceEdit(src: string, edit: FrontMatterEdit, eol: string): string | null {
  let text = src;
  for (const { key, value, after } of edit.set ?? []) {
    const current = parseDocument(text, { prettyErrors: false });
    const pair = findPair(current, key);
    const old = pair?.value as Node | null | undefined;
    if (pair && old && isScalar(pair.key) && old.range) {
      const [from, to] = old.range;
      const oldText = text.slice(from, to);
      if (!oldText.includes('\n') && !(isScalar(old) && String(old.type).startsWith('BLOCK'))) {
        const scalar = yamlScalar(value, isScalar(old) ? old.type : undefined);
        const gap = from === 0 || /[ \t]/.test(text[from - 1]) ? '' : ' ';
        text = text.slice(0, from) + gap + scalar + text.slice(to);
        continue;
      }
      // A block value (a list, a `|` text…): the pair's lines become one `key: value` line.
      const [lineStart, lineEnd] = pairLines(text, pair);
      text = text.slice(0, lineStart) + `${key}: ${yamlScalar(value)}${eol}` + text.slice(lineEnd);
      continue;
    }
    if (pair) return null;
    const line = `${key}: ${yamlScalar(value)}`;
    const anchor = after === undefined ? undefined : findPair(current, after);
    const at = anchor ? pairLines(text, anchor)[1] : text.length;
    text = insertLine(text, at, line, eol);
  }
  for (const key of edit.delete ?? []) {
    const current = parseDocument(text, { prettyErrors: false });
    const pair = findPair(current, key);
    if (!pair) continue;
    if (!isScalar(pair.key)) return null;
    const [lineStart, lineEnd] = pairLines(text, pair);
    text = text.slice(0, lineStart) + text.slice(lineEnd);
  }
  return text;
}

/**
 * The YAML with every alias to a value this edit replaces or removes spelled out, and that value's
 * anchor dropped. `status: &st draft` with `mirror: *st` would otherwise carry the new status into
 * `mirror` (or leave `*st` dangling on a delete): an edit changes only the value it names. Only
 * one-line scalars are copied; an anchored list, mapping or block text that other keys alias is
 * refused, and the file is left unchanged.
 */
function detachAliases(file: string, yamlText: string, doc: Document, edit: FrontMatterEdit, lineOf: (offset: number) => number): string {
  const touched = new Set<Node>();
  for (const key of [...(edit.set ?? []).map((s) => s.key), ...(edit.delete ?? [])]) {
    const value = findPair(doc, key)?.value as Node | null | undefined;
    if (value && !isAlias(value) && value.anchor) touched.add(value);
  }
  if (touched.size === 0) return yamlText;
  const splices: Array<{ from: number; to: number; text: string }> = [];
  const referenced = new Set<Node>();
  visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc) as Node | undefined;
      if (!target || !touched.has(target) || !alias.range) return;
      const copy = isScalar(target) && target.range ? yamlText.slice(target.range[0], target.range[1]).trimEnd() : '\n';
      if (copy.includes('\n')) {
        throw new SddError('yaml_anchor_shared', `${file}: other keys refer to this value through the anchor &${target.anchor}; the file was not changed`, {
          target: { file, line: lineOf(alias.range[0]) },
          fix: `Write the value out in place of *${alias.source}, then run the command again.`,
        });
      }
      referenced.add(target);
      splices.push({ from: alias.range[0], to: alias.range[1], text: copy });
    },
  });
  for (const node of touched) {
    if (!referenced.has(node) || !node.range) continue;
    // The anchor sits just before the value's range: `&name` and the blank after it.
    const before = yamlText.slice(0, node.range[0]);
    const m = new RegExp(`&${node.anchor!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \t]*$`).exec(before);
    if (m) splices.push({ from: m.index, to: node.range[0], text: '' });
  }
  let out = yamlText;
  for (const s of splices.sort((a, b) => b.from - a.from)) out = out.slice(0, s.from) + s.text + out.slice(s.to);
  return out;
}

function findPair(doc: Document, key: string): Pair | undefined {
  if (!isMap(doc.contents)) return undefined;
  return (doc.contents.items as Pair[]).find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
}

/**
 * The span of a top-level pair: from the start of its key's line to the end of the line its value
 * ends on (so its trailing comment goes with it), newline included.
 */
function pairLines(text: string, pair: Pair): [number, number] {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const keyStart = key.range?.[0] ?? 0;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  let end = value?.range?.[1] ?? key.range?.[1] ?? keyStart;
  if (end > 0 && text[end - 1] === '\n') return [lineStart, end];
  const nl = text.indexOf('\n', end);
  end = nl === -1 ? text.length : nl + 1;
  return [lineStart, end];
}

function insertLine(text: string, at: number, line: string, eol: string): string {
  if (at === text.length && text.length > 0 && !text.endsWith('\n')) return text + eol + line;
  return text.slice(0, at) + line + eol + text.slice(at);
}

