import type { APIContext } from 'astro';
import { entryFingerprint } from '../../lib/page-keys.ts';
import { getNotes, type Note } from '../../lib/collection.ts';
import { toBibtex } from '../../lib/bibtex.ts';

/** /notes/<id>.bib: the note's source as a BibTeX file, for notes that cite a work. */
export async function getStaticPaths() {
  const notes = await getNotes();
  return notes.filter((n) => n.data.source).map((note) => ({ params: { id: note.id }, props: { note }, cacheKey: entryFingerprint(note) }));
}

export function GET({ props }: APIContext<{ note: Note }>) {
  const { note } = props;
  return new Response(toBibtex(note.data.kind, note.data.source!), {
    headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' },
  });
}
