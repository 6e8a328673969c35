import { defineCollection } from 'astro:content';
import { notesLoader } from './lib/notes-loader.ts';
import { noteSchema } from './schema/note.ts';
import { conceptSchema } from './schema/concept.ts';
import { conceptsDirectory, notesDirectory, snippetsDirectory } from './lib/paths.ts';

const links = { notesDir: notesDirectory(), conceptsDir: conceptsDirectory() };

/** One entry per file in content/notes/; the id is the file name without extension (dynamo.md → dynamo). */
const notes = defineCollection({
  loader: notesLoader({ pattern: '**/[^_]*.{md,mdx}', base: notesDirectory(), snippetsDir: snippetsDirectory(), links, bibtex: true }),
  schema: noteSchema,
});

/** Short definitions (quorum, fencing, seal …) that notes link to with [[id]]; content/concepts/quorum.md → quorum. */
const concepts = defineCollection({
  loader: notesLoader({ pattern: '**/[^_]*.{md,mdx}', base: conceptsDirectory(), snippetsDir: snippetsDirectory(), links }),
  schema: conceptSchema,
});

export const collections = { notes, concepts };
