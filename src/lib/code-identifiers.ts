/**
 * The identifiers a page's code blocks use, for search. Code is kept out of Pagefind's text (excerpts
 * must be prose), so the note page lists these as a `code` metadata field instead: searching `bySender`
 * still finds the note that embeds it, and the excerpt shown is prose.
 *
 * Only names the index would not have anyway, since the field is in every note's HTML (docs/performance.md):
 * not the words of comments and strings, and not a name the page's prose already uses (Pagefind indexes
 * that, in any case; `seal` in the text covers `seal` in the code).
 *
 * In:  rendered HTML with <figure class="code" …><pre>…</pre></figure> blocks
 * Out: ['bySender', 'DoViewChange', …] — each name once (ignoring case), in order of first use
 */
const KEYWORDS = new Set(
  ('abstract any as async await boolean break case catch class const continue default delete do else enum export extends ' +
    'false finally for from function get if implements import in instanceof interface keyof let new never null number ' +
    'object of private protected public readonly return set static string switch this throw true try type typeof ' +
    'undefined unknown var void while yield').split(' '),
);

/** Identifiers shorter than this are loop counters and single letters: they would only add noise. */
const MIN_LENGTH = 3;

/** Code, and figures kept out of the index (code blocks, diagrams): their words are not prose. */
const NOT_PROSE = /<pre\b[\s\S]*?<\/pre>|<figure\b[^>]*\bdata-pagefind-ignore[\s\S]*?<\/figure>/g;
/** Comments and string literals, whose words are prose or data, not names. */
const COMMENTS_AND_STRINGS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const NAME = /[A-Za-z_$][\w$]*/g;

export function codeIdentifiers(html: string): string[] {
  const inProse = new Set(text(html.replace(NOT_PROSE, ' ')).toLowerCase().match(/[\w$]+/g));
  const seen = new Map<string, string>();
  for (const [, block] of html.matchAll(/<pre\b[^>]*>([\s\S]*?)<\/pre>/g)) {
    const code = text(block!).replace(COMMENTS_AND_STRINGS, ' ');
    for (const [name] of code.matchAll(NAME)) {
      const key = name.toLowerCase();
      if (name.length >= MIN_LENGTH && !KEYWORDS.has(name) && !inProse.has(key) && !seen.has(key)) seen.set(key, name);
    }
  }
  return [...seen.values()];
}

/** The text of HTML: tags removed, entities decoded (the few Shiki and Astro write). */
function text(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([\da-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/g, (_, name: string) => named[name] ?? ' ');
}
