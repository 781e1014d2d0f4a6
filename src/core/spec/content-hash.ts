import crypto from 'node:crypto';

/** What a spec's content hash covers (DESIGN.md §7): its meaning, not its bookkeeping. */
export interface SemanticContent {
  id: string;
  title: string;
  body: string;
  dependsOn: string[];
  code: string[];
  /** Requirements declared as data (YAML specs); markdown requirements live in the body. */
  requirements?: Array<{ id: string; text: string }>;
}

const NON_ASCII = /[^\x00-\x7f]/;
const PARAGRAPH_BREAK = /\n[ \t]*(?:\n[ \t]*)+/;
const WHITESPACE_RUN = /\s+/g;

/**
 * Normalises prose so that only whitespace-free meaning remains: Unicode NFC, any line ending,
 * any run of spaces or line breaks inside a paragraph is one space, paragraphs are separated by
 * one blank line, leading and trailing blank lines are dropped. Reflowing or re-indenting text
 * therefore keeps the hash; changing a word or splitting a paragraph does not.
 */
export function normaliseProse(text: string): string {
  // NFC is a no-op on ASCII, which most specs are; skipping it saves a full copy per spec.
  const nfc = NON_ASCII.test(text) ? text.normalize('NFC') : text;
  const lf = nfc.includes('\r') ? nfc.replace(/\r\n?/g, '\n') : nfc;
  let out = '';
  for (const paragraph of lf.split(PARAGRAPH_BREAK)) {
    const p = paragraph.replace(WHITESPACE_RUN, ' ').trim();
    if (p) out = out ? `${out}\n\n${p}` : p;
  }
  return out;
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.normalize('NFC').trim()))].sort();
}

// @sdd spec-model/MODEL-006
/**
 * The semantic content hash of a spec: `sha256:` + hex over a canonical JSON array.
 * status, owner, tags, reviewers, dates and unknown keys are deliberately left out, so
 * bookkeeping edits do not invalidate a review; any change to what the spec says does.
 */
export function contentHash(content: SemanticContent): string {
  const canonical = JSON.stringify([
    'sdd-content-v1',
    content.id.normalize('NFC').trim(),
    normaliseProse(content.title),
    normaliseProse(content.body),
    sortedUnique(content.dependsOn),
    sortedUnique(content.code),
    (content.requirements ?? []).map((r) => [r.id.trim(), normaliseProse(r.text)]),
  ]);
  return 'sha256:' + crypto.createHash('sha256').update(canonical).digest('hex');
}
