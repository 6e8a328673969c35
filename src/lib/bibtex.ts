import type { NoteData } from '../schema/note.ts';

type Source = NonNullable<NoteData['source']>;

/**
 * A note's source as a BibTeX entry that reference managers import: the entry type follows the kind
 * of work (conference paper, technical report, journal article, book, web post), titles keep their
 * capitals, and characters BibTeX treats specially are escaped.
 *
 * In:  kind paper, source { title: "Dynamo: …", authors: [DeCandia, …], year: 2007, venue: "SOSP 2007", doi }
 * Out: @inproceedings{decandia2007dynamo, author = {Giuseppe DeCandia and …}, title = {{Dynamo: …}}, …}
 */
export function toBibtex(kind: NoteData['kind'], source: Source): string {
  const type = entryType(kind, source);
  const fields: Array<[string, string | undefined]> = [
    ['author', source.authors.map(escape).join(' and ')],
    ['title', `{${escape(source.title)}}`],
    ['year', String(source.year)],
    [venueField(type), source.venue ? escape(source.venue) : undefined],
    ['publisher', type === 'techreport' ? undefined : source.publisher ? escape(source.publisher) : undefined],
    ['doi', source.doi],
    ['url', source.url],
  ];
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  return `@${type}{${citationKey(source)},\n${body}\n}\n`;
}

/** lastname + year + first significant title word: decandia2007dynamo. */
export function citationKey(source: Source): string {
  const ascii = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const last = ascii(source.authors[0]!.split(/\s+/).at(-1)!);
  const word = source.title.split(/\s+/).map(ascii).find((w) => w.length > 3 && !['with', 'from', 'that', 'this'].includes(w)) ?? '';
  return `${last}${source.year}${word}`;
}

function entryType(kind: NoteData['kind'], source: Source): string {
  if (kind === 'book') return 'book';
  if (kind === 'post') return 'online';
  const venue = source.venue ?? '';
  if (/technical report|\bTR\b|tech\. rep/i.test(venue)) return 'techreport';
  if (/journal|transactions|\bJ\.|communications of/i.test(venue)) return 'article';
  return 'inproceedings';
}

function venueField(type: string): string {
  return { inproceedings: 'booktitle', article: 'journal', techreport: 'institution', online: 'organization', book: 'series' }[type] ?? 'note';
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\textbackslash{}').replace(/([&%$#_{}])/g, '\\$1').replace(/~/g, '\\textasciitilde{}');
}
