/**
 * Makes finding keys distinct within one spec: the second use of a key gets `#2`, and so on. Keys
 * stay stable across unrelated edits because the suffix counts only identical keys.
 */
export function distinctKeys(): (key: string) => string {
  const seen = new Map<string, number>();
  return (key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  };
}
