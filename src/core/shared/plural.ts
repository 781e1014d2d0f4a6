/**
 * `n` and a noun made plural when `n` is not 1: `plural(1, 'file')` is `1 file`,
 * `plural(3, 'decision file')` is `3 decision files`; `many` for irregular plurals.
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
