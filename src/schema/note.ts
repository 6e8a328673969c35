import { z } from 'astro/zod';
import { TAG_IDS, type TagId } from '../data/tags.ts';
import { SERIES_IDS } from '../data/series.ts';
import { templatePlaceholders, type TemplatePlaceholders } from './template-placeholders.ts';

/** What a note is about. Papers, books and posts must carry a `source` citation. */
export const NOTE_KINDS = ['paper', 'book', 'post', 'system', 'concept'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
// Every note but a concept cites what it is about (TOPIC-DONE: "frontmatter carries the full citation"); a system note cites the system's paper or its primary document.
const KINDS_WITH_SOURCE: readonly NoteKind[] = ['paper', 'book', 'post', 'system'];

const list = (values: readonly string[]) => values.join(', ');

/** The message for a field left out, saying what to write; wrong types keep zod's own message. */
const required = (hint: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${hint}` : undefined),
});

/** The work a note is about, as a reader would cite it. */
export const sourceSchema = z.strictObject({
  /** Title of the paper, book or post, exactly as published. */
  title: z.string(required('the title of the work, exactly as published')).min(1),
  /** Every author, in the order printed, as "First Last". */
  authors: z.array(z.string().min(1), required('authors: ["First Last", …] in the order printed')).min(1, { error: 'list at least one author, e.g. authors: ["Barbara Liskov"]' }),
  /** Year of publication. */
  year: z.int(required('the year of publication, e.g. 2007')).min(1900).max(2100),
  /** Where it appeared, as a reader would cite it: "SOSP 2007", "MIT CSAIL technical report". */
  venue: z.string().min(1).optional(),
  /** Canonical link to the work (publisher or author page). */
  url: z.url({ error: 'url must be a full URL starting with https:// or http://' }).optional(),
  /** DOI without the https://doi.org/ prefix, e.g. 10.1145/1294261.1294281. */
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, { error: 'doi must look like 10.1145/1294261.1294281 (no https://doi.org/ prefix)' })
    .optional(),
  /** Publisher or organisation, e.g. ACM, USENIX, O'Reilly. */
  publisher: z.string().min(1).optional(),
});

let placeholders: TemplatePlaceholders | undefined;

/** The frontmatter of a note in content/notes/. Unknown keys are errors, so typos cannot pass silently. */
export const noteSchema = z
  .strictObject({
    /** Title shown on the page and in search results. */
    title: z.string(required('the note\'s title in quotes, e.g. title: "Dynamo"')).min(1),
    /** One or two sentences saying what the reader will learn; shown in lists and link previews. */
    summary: z.string(required('one or two sentences saying what the reader will learn')).min(20, { error: 'summary needs a sentence or two (at least 20 characters)' }).max(280),
    /** paper | book | post | system | concept. */
    kind: z.enum(NOTE_KINDS, { error: `kind must be one of: ${list(NOTE_KINDS)}` }),
    /** The cited work; required for papers, books and posts. */
    source: sourceSchema.optional(),
    /** Tags from the controlled list in src/data/tags.ts. */
    tags: z
      .array(
        z.enum(TAG_IDS, {
          error: (issue) =>
            `unknown tag ${JSON.stringify(issue.input)}. Known tags: ${list(TAG_IDS)}. ` +
            'To add a new one, add it with a description to src/data/tags.ts.',
        }),
        required('tags: [replication, quorums] from src/data/tags.ts'),
      )
      .min(1, { error: 'give the note at least one tag from src/data/tags.ts' })
      .refine((tags) => new Set(tags).size === tags.length, { error: 'a tag is listed twice' }),
    /** The reading path this note belongs to, and its position in it (1 = first). */
    series: z
      .strictObject({
        /** Series id from src/data/series.ts. */
        id: z.enum(SERIES_IDS, { error: `series id must be one of: ${list(SERIES_IDS)} (see src/data/series.ts)` }),
        /** Position in the series, 1-based; gaps are allowed. */
        position: z.int().positive(),
      })
      .optional(),
    /** Names of the models in snippets/ this note uses. */
    snippets: z.array(z.string().regex(/^[a-z0-9-]+$/, { error: 'snippet names are lowercase words joined by dashes' })).default([]),
    /** Acronyms and other names a reader may search for (VR, ISR, LAC); indexed with high weight. */
    aliases: z.array(z.string().min(1)).default([]),
    /** Date the note was first published, YYYY-MM-DD. */
    added: z.coerce.date({ error: 'added must be a date written YYYY-MM-DD (required)' }),
    /** Date of the last substantive revision, YYYY-MM-DD. */
    updated: z.coerce.date({ error: 'updated must be a date written YYYY-MM-DD' }).optional(),
    /** Drafts are built in dev only, never published. */
    draft: z.boolean().default(false),
  })
  .superRefine((note, ctx) => {
    if (KINDS_WITH_SOURCE.includes(note.kind) && !note.source) {
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message: `a ${note.kind} note needs a source: { title, authors, year, venue, url or doi }`,
      });
    }
    if (note.source && !note.source.url && !note.source.doi) {
      ctx.addIssue({ code: 'custom', path: ['source', 'url'], message: 'give the source a url or a doi so readers can find it' });
    }
    if (!note.draft && note.source?.url && /^https?:\/\/(www\.)?example\.(org|com)\//.test(note.source.url)) {
      ctx.addIssue({ code: 'custom', path: ['source', 'url'], message: 'replace the template\'s placeholder url before publishing' });
    }
    if (!note.draft) {
      const template = (placeholders ??= templatePlaceholders());
      const leftover = (path: string[], value: string | undefined, key: string, hint: string) => {
        if (value !== undefined && value === template.values.get(key)) ctx.addIssue({ code: 'custom', path, message: `still the note template's placeholder: ${hint}` });
      };
      leftover(['summary'], note.summary, 'summary', 'write one or two sentences saying what the reader will learn');
      leftover(['source', 'venue'], note.source?.venue, 'venue', 'write where the work appeared, e.g. "SOSP 2007", or delete the line');
      for (const [i, author] of (note.source?.authors ?? []).entries()) {
        if (template.authors.includes(author)) ctx.addIssue({ code: 'custom', path: ['source', 'authors', i], message: `still the note template's placeholder "${author}": list every author, in the order printed` });
      }
    }
    if (note.updated && note.updated < note.added) {
      ctx.addIssue({ code: 'custom', path: ['updated'], message: 'updated is earlier than added' });
    }
  });

export type NoteData = z.infer<typeof noteSchema>;
export type { TagId };
