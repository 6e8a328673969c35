/** Minutes to read `words` of technical prose at ~220 words a minute; never less than one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 220));
}
