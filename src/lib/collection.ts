import { existsSync } from 'node:fs';
import { getCollection, type CollectionEntry } from 'astro:content';

export type Note = CollectionEntry<'notes'>;
export type Concept = CollectionEntry<'concepts'>;

/** Published notes (drafts only in dev), newest first. Checks what the schema alone cannot. */
export async function getNotes(): Promise<Note[]> {
  const notes = await getCollection('notes', (n) => import.meta.env.DEV || !n.data.draft);
  for (const note of notes) assertSnippetsExist(note);
  return notes.sort((a, b) => b.data.added.getTime() - a.data.added.getTime() || a.data.title.localeCompare(b.data.title));
}

/** Every concept, A to Z by title. */
export async function getConcepts(): Promise<Concept[]> {
  const concepts = await getCollection('concepts');
  return concepts.sort((a, b) => a.data.title.localeCompare(b.data.title, 'en'));
}

function assertSnippetsExist(note: Note): void {
  for (const name of note.data.snippets) {
    if (!existsSync(`snippets/${name}`)) {
      throw new Error(
        `${note.filePath ?? note.id}: frontmatter field "snippets" names "${name}", but there is no snippets/${name}/ folder. ` +
          'List only models that exist (npm run snippet lists them).',
      );
    }
  }
}

export const KIND_LABELS = { paper: 'Paper', book: 'Book', post: 'Post', system: 'System', concept: 'Concept' } as const;
export const KIND_PLURALS = { paper: 'Papers', book: 'Books', post: 'Posts', system: 'Systems', concept: 'Concepts' } as const;
