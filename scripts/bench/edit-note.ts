/**
 * The edit for the rebuild measurement: replace the first sentence of a note's first paragraph,
 * as a writer fixing a sentence would. Works on Paperlog's and Starlight's generated notes alike
 * (frontmatter, then prose). Pure.
 */
export const EDITED_SENTENCE = 'This sentence was edited to time a rebuild after changing one note.';

export function editFirstSentence(text: string, replacement = EDITED_SENTENCE): string {
  const lines = text.split('\n');
  let i = 0;
  if (lines[0] === '---') {
    i = lines.indexOf('---', 1) + 1;
    if (i === 0) throw new Error('frontmatter is not closed with ---');
  }
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    // The first prose line: not blank, not a heading, list, fence, quote or html.
    if (line.trim() === '' || /^\s*(#|[-*+] |\d+\. |```|>|<)/.test(line)) continue;
    const end = line.search(/[.!?](\s|$)/);
    lines[i] = end === -1 ? replacement : replacement + line.slice(end + 1);
    return lines.join('\n');
  }
  throw new Error('the note has no prose paragraph to edit');
}
