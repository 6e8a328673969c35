/** "A", "A and B", "A, B and C"; more than six authors become "A, B, C et al." in short form. */
export function formatAuthors(authors: readonly string[], short = false): string {
  if (short && authors.length > 6) return `${authors.slice(0, 3).join(', ')} et al.`;
  if (authors.length <= 2) return authors.join(' and ');
  return `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`;
}
