import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { snippetsDirectory } from './paths.ts';
import { isPublished } from './publishing.ts';
import { getCollection, type CollectionEntry } from 'astro:content';

export type Note = CollectionEntry<'notes'>;
export type Concept = CollectionEntry<'concepts'>;

let published: Promise<Note[]> | undefined;

/**
 * Published notes (drafts only in dev), newest first. Checks what the schema alone cannot. Loaded once
 * per build (every page asks); in dev, on every call, so edits show up. Callers get their own array.
 */
export async function getNotes(): Promise<Note[]> {
  if (import.meta.env.DEV) return loadNotes();
  return [...(await (published ??= loadNotes()))];
}

async function loadNotes(): Promise<Note[]> {
  const notes = await getCollection('notes', (n) => isPublished(n.data, import.meta.env.DEV));
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
    if (!existsSync(join(snippetsDirectory(), name))) {
      throw new Error(
        `${note.filePath ?? note.id}: frontmatter field "snippets" names "${name}", but there is no snippets/${name}/ folder. ` +
          'List only models that exist (npm run snippet lists them).',
      );
    }
  }
}

export const KIND_LABELS = { paper: 'Paper', book: 'Book', post: 'Post', system: 'System', concept: 'Concept' } as const;
export const KIND_PLURALS = { paper: 'Papers', book: 'Books', post: 'Posts', system: 'Systems', concept: 'Concepts' } as const;
