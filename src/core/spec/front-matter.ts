/**
 * The one place that cuts a markdown file into front matter and body: the parser, the editor,
 * the merge driver, the key locator, templates and the constitution all read the block through
 * here, so they agree on where it ends. A splitter of our own rather than gray-matter because
 * the editor and the merge driver need the block's offsets, which gray-matter does not return.
 * The rule is the one specs have always been read with (gray-matter's): the block ends at the
 * first line that starts with `---`, or runs to the end of the file.
 */
export interface FrontMatterBlock {
  /** Offset of the YAML: the start of the line after the opening `---` line. */
  start: number;
  /** Offset just past the YAML (after its last newline): the start of the closing `---` line, or the end of the text. */
  end: number;
  /** Offset of the body: after the closing `---` and one line break; the end of the text when unclosed. */
  bodyStart: number;
  /** Whether a closing `---` line was found. */
  closed: boolean;
  /** File lines before the YAML (the opening `---` line): add to YAML line numbers. */
  lineOffset: 1;
}

/** The opening fence: an optional byte-order mark, `---`, blanks, a line break. */
export const FRONT_MATTER_OPENING = /^(\uFEFF)?---[ \t]*\r?\n/;

/** Where the front matter of `text` is, or null when it does not start with a `---` line. */
export function splitFrontMatter(text: string): FrontMatterBlock | null {
  const open = FRONT_MATTER_OPENING.exec(text);
  if (!open) return null;
  const start = open[0].length;
  const close = text.indexOf('\n---', start - 1);
  if (close === -1) return { start, end: text.length, bodyStart: text.length, closed: false, lineOffset: 1 };
  let bodyStart = close + 4;
  if (text[bodyStart] === '\r') bodyStart++;
  if (text[bodyStart] === '\n') bodyStart++;
  return { start, end: close + 1, bodyStart, closed: true, lineOffset: 1 };
}

/** The YAML text of the front matter, or null when there is none. */
export function frontMatterYaml(text: string): string | null {
  const block = splitFrontMatter(text);
  return block ? text.slice(block.start, block.end) : null;
}
