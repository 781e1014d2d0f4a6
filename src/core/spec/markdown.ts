/** The part of a spec the scanner reads: its body and the file line the body starts on. */
export interface SpecBody {
  body: string;
  bodyLine: number;
}

/** A body line outside fenced code, with its line number in the spec file. */
export interface ProseLine {
  text: string;
  line: number;
}

/** An ATX heading (`## Text`) outside fenced code. */
export interface Heading {
  level: number;
  /** The heading's words, without the `#` marks around them. */
  text: string;
  line: number;
}

const FENCE_OPEN_RE = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE_RE = /^(`{3,}|~{3,})[ \t]*$/;
const HEADING_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** A list item's marker (`- `, `* `, `+ `, `1. `, `1) `) and the indentation before it. */
export const LIST_ITEM_RE = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+/;
/** An ATX heading's opening `#` marks and the blanks after them. */
export const HEADING_MARKER_RE = /^ {0,3}#{1,6}[ \t]+/;
const MARKER_RE = /^([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const THEMATIC_BREAK_RE = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;

/** A line with its leading blanks measured in columns (tabs stop every 4, as CommonMark says). */
function measure(text: string): { indent: number; rest: string } {
  let col = 0;
  let i = 0;
  for (; i < text.length; i++) {
    if (text[i] === ' ') col++;
    else if (text[i] === '\t') col += 4 - (col % 4);
    else break;
  }
  return { indent: col, rest: text.slice(i) };
}

/**
 * Which lines of a markdown body are code rather than prose, by CommonMark's block rules:
 * fenced code blocks (their fence lines included) and indented code blocks (four columns past
 * the enclosing list item's content, not continuing a paragraph), inside list items too.
 * Every reader of spec bodies goes through this, so that they agree on what is prose; a test
 * holds it to a CommonMark parser on generated documents.
 */
export function codeLines(lines: string[]): boolean[] {
  const code: boolean[] = [];
  /** Content columns of the open list items, innermost last. */
  const items: number[] = [];
  let fence: { marker: string; base: number } | null = null;
  let inIndentedCode = false;
  let inParagraph = false;
  let afterBlank = true;
  for (const text of lines) {
    const { indent, rest } = measure(text);
    const blank = rest.trim() === '';
    if (fence !== null) {
      // A fence ends at its closing line, or when a line leaves the list item that holds it.
      if (!blank && indent < fence.base) fence = null;
      else {
        const close = indent - fence.base < 4 ? FENCE_CLOSE_RE.exec(rest) : null;
        if (close && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length) fence = null;
        code.push(true);
        afterBlank = false;
        continue;
      }
    }
    if (blank) {
      code.push(inIndentedCode);
      inParagraph = false;
      afterBlank = true;
      continue;
    }
    // A paragraph's next line continues it ("lazily") whatever its indentation, unless it starts
    // another block; otherwise a line indented less than an item's content closes that item.
    const lazy = inParagraph && !afterBlank;
    // Only a paragraph in the innermost item is interrupted by this line: the rules that protect
    // paragraphs (an ordered list must start at 1 to interrupt one) apply only then.
    const inInnermost = items.length === 0 || indent >= items[items.length - 1];
    // A line four columns past the item it would belong to starts no block (it can only be code).
    const reach = [...items].reverse().find((c) => c <= indent) ?? 0;
    const startsHere = indent - reach < 4 && startsBlock(rest, inInnermost);
    if (lazy && !startsHere) {
      code.push(false);
      continue;
    }
    {
      while (items.length > 0 && indent < items[items.length - 1]) items.pop();
    }
    const base = items.length > 0 ? items[items.length - 1] : 0;
    afterBlank = false;
    if (indent - base >= 4 && !lazy) {
      inIndentedCode = true;
      code.push(true);
      continue;
    }
    inIndentedCode = false;
    let content = rest;
    let contentBase = base;
    let column = indent;
    // List markers open items; what follows a marker on the same line is the item's first block.
    const guarded = lazy && inInnermost;
    for (let m = MARKER_RE.exec(content), first = true; m && !THEMATIC_BREAK_RE.test(content) && !(first && guarded && !canInterrupt(m, content)); m = MARKER_RE.exec(content), first = false) {
      const gap = m[2] === '' ? 1 : measure(content.slice(m[1].length)).indent;
      const width = m[1].length + (gap >= 5 || m[2] === '' ? 1 : gap);
      contentBase = column + width;
      items.push(contentBase);
      column = contentBase;
      content = m[2] === '' ? '' : content.slice(m[1].length + (gap >= 5 ? 1 : m[2].length));
      if (gap >= 5) break;
    }
    const open = FENCE_OPEN_RE.exec(content);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      fence = { marker: open[1], base: contentBase };
      code.push(true);
      inParagraph = false;
      continue;
    }
    inParagraph = content.trim() !== '' && !HEADING_RE.test(content) && !THEMATIC_BREAK_RE.test(content);
    code.push(false);
  }
  return code;
}

/** Whether `rest` (a line without its indentation) starts a block; `guarded`: it would interrupt a paragraph. */
function startsBlock(rest: string, guarded: boolean): boolean {
  if (HEADING_RE.test(rest) || THEMATIC_BREAK_RE.test(rest)) return true;
  const open = FENCE_OPEN_RE.exec(rest);
  if (open && !(open[1][0] === '`' && open[2].includes('`'))) return true;
  const m = MARKER_RE.exec(rest);
  return m !== null && (!guarded || canInterrupt(m, rest));
}

/** CommonMark: a list item interrupts a paragraph only when not empty, and an ordered one only from 1. */
function canInterrupt(m: RegExpExecArray, content: string): boolean {
  if (content.slice(m[0].length).trim() === '') return false;
  return !/^\d/.test(m[1]) || /^1[.)]$/.test(m[1]);
}

/**
 * The lines of a spec's body that are prose: code (see codeLines) is left out, since examples
 * and snippets in it are not the spec's own words.
 */
export function proseLines(spec: SpecBody): ProseLine[] {
  const lines = spec.body.split(/\r?\n/);
  const code = codeLines(lines);
  const out: ProseLine[] = [];
  lines.forEach((text, i) => {
    if (!code[i]) out.push({ text, line: spec.bodyLine + i });
  });
  return out;
}

/** The ATX headings of a spec's body, outside fenced code. */
export function headings(spec: SpecBody): Heading[] {
  const out: Heading[] = [];
  for (const { text, line } of proseLines(spec)) {
    const m = HEADING_RE.exec(text);
    if (m) out.push({ level: m[1].length, text: (m[2] ?? '').trim(), line });
  }
  return out;
}

/** `text` with inline code spans blanked out (same length, so columns still line up). */
export function withoutCodeSpans(text: string): string {
  return text.replace(/(`+)([^`]|(?!\1)`)+?\1/g, (span) => ' '.repeat(span.length));
}
