import { defineCollection } from 'astro:content';
import { strictGlob } from './lib/strict-glob.ts';
import { noteSchema } from './schema/note.ts';
import { notesDirectory } from './lib/paths.ts';

/** One entry per file in content/notes/; the id is the file name without extension (dynamo.md → dynamo). */
const notes = defineCollection({
  loader: strictGlob({ pattern: '**/[^_]*.{md,mdx}', base: notesDirectory() }),
  schema: noteSchema,
});

export const collections = { notes };
