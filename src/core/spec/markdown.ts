import type { Spec } from './parse.js';

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

/**
 * The lines of a spec's body that are prose: fenced code blocks (their fence lines included) are
 * left out, since examples and snippets in them are not the spec's own words.
 */
export function proseLines(spec: Spec): ProseLine[] {
  const out: ProseLine[] = [];
  let fence: string | null = null;
  spec.body.split(/\r?\n/).forEach((text, i) => {
    if (fence !== null) {
      const close = FENCE_CLOSE_RE.exec(text);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
      return;
    }
    const open = FENCE_OPEN_RE.exec(text);
    if (open) {
      fence = open[1];
      return;
    }
    out.push({ text, line: spec.bodyLine + i });
  });
  return out;
}

/** The ATX headings of a spec's body, outside fenced code. */
export function headings(spec: Spec): Heading[] {
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
