import { defineCollection } from 'astro:content';
import { notesLoader } from './lib/notes-loader.ts';
import { noteSchema } from './schema/note.ts';
import { notesDirectory, snippetsDirectory } from './lib/paths.ts';

/** One entry per file in content/notes/; the id is the file name without extension (dynamo.md → dynamo). */
const notes = defineCollection({
  loader: notesLoader({ pattern: '**/[^_]*.{md,mdx}', base: notesDirectory(), snippetsDir: snippetsDirectory() }),
  schema: noteSchema,
});

export const collections = { notes };
