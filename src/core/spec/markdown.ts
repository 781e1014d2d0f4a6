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

const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE_RE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** A list item's marker (`- `, `* `, `+ `, `1. `, `1) `) and the indentation before it. */
export const LIST_ITEM_RE = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+/;
/** An ATX heading's opening `#` marks and the blanks after them. */
export const HEADING_MARKER_RE = /^ {0,3}#{1,6}[ \t]+/;
const INDENTED_CODE_RE = /^(?: {4}|\t| {1,3}\t)/;

/**
 * Which lines of a markdown body are code rather than prose: fenced code blocks (their fence
 * lines included) and indented code blocks (four spaces or a tab, after a blank line or a
 * heading, outside a list item, where indentation continues the item instead). Every reader of
 * spec bodies goes through this, so that they agree on what is prose.
 */
export function codeLines(lines: string[]): boolean[] {
  const code: boolean[] = [];
  let fence: string | null = null;
  let inList = false;
  // Whether an indented line here would start a code block: not when it continues a paragraph.
  let canStartCode = true;
  let inIndentedCode = false;
  for (const text of lines) {
    if (fence !== null) {
      const close = FENCE_CLOSE_RE.exec(text);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
      code.push(true);
      canStartCode = true;
      continue;
    }
    const blank = text.trim() === '';
    if (blank) {
      code.push(inIndentedCode);
      canStartCode = true;
      continue;
    }
    if (INDENTED_CODE_RE.test(text) && (inIndentedCode || (canStartCode && !inList))) {
      inIndentedCode = true;
      code.push(true);
      continue;
    }
    inIndentedCode = false;
    const open = FENCE_OPEN_RE.exec(text);
    if (open) {
      fence = open[1];
      code.push(true);
      continue;
    }
    if (LIST_ITEM_RE.test(text)) inList = true;
    else if (!/^[ \t]/.test(text)) inList = false;
    canStartCode = HEADING_RE.test(text);
    code.push(false);
  }
  return code;
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
