/**
 * The identifiers a page's code blocks use, for search. Code is kept out of Pagefind's text (excerpts
 * must be prose), so the note page lists these as a `code` metadata field instead: searching `bySender`
 * still finds the note that embeds it, and the excerpt shown is prose.
 *
 * In:  rendered HTML with <figure class="code" …><pre>…</pre></figure> blocks
 * Out: ['bySender', 'DoViewChange', …] — each name once, in order of first use
 */
const KEYWORDS = new Set(
  ('abstract any as async await boolean break case catch class const continue default delete do else enum export extends ' +
    'false finally for from function get if implements import in instanceof interface keyof let new never null number ' +
    'object of private protected public readonly return set static string switch this throw true try type typeof ' +
    'undefined unknown var void while yield').split(' '),
);

/** Identifiers shorter than this are loop counters and single letters: they would only add noise. */
const MIN_LENGTH = 3;

export function codeIdentifiers(html: string): string[] {
  const seen = new Set<string>();
  for (const [, block] of html.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/g)) {
    const text = block!.replace(/<[^>]+>/g, '').replace(/&[a-z]+;|&#\d+;/g, ' ');
    for (const [name] of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
      if (name.length >= MIN_LENGTH && !KEYWORDS.has(name)) seen.add(name);
    }
  }
  return [...seen];
}
