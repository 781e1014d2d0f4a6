/**
 * Words as the full-text index sees them (SQLite's unicode61 tokenizer): runs of letters and
 * digits, lower-cased, with diacritics removed, so `title:uber` finds "Über" as search does.
 */
export function words(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
}

// @sdd query-language/QRY-008
/**
 * Whether `needle`'s words occur in `haystack` one after another (a phrase); with `prefix` the
 * last word only has to start a word. A needle with no words at all (`"?"`) must equal the whole
 * value, ignoring case, or start it for a prefix.
 */
export function containsWords(haystack: string, needle: string, prefix: boolean): boolean {
  const want = words(needle);
  if (want.length === 0) {
    const [h, n] = [haystack.toLowerCase(), needle.toLowerCase()];
    return prefix ? h.startsWith(n) : h === n;
  }
  const have = words(haystack);
  const last = want.length - 1;
  for (let i = 0; i + want.length <= have.length; i++) {
    let ok = true;
    for (let j = 0; ok && j <= last; j++) ok = prefix && j === last ? have[i + j].startsWith(want[j]) : have[i + j] === want[j];
    if (ok) return true;
  }
  return false;
}
