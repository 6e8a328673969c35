import { z } from 'astro/zod';

const required = (hint: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${hint}` : undefined),
});

/**
 * The frontmatter of a concept page in content/concepts/: a short definition that notes link to with
 * [[id]]. The page lists every note that uses the concept, derived from those links.
 */
export const conceptSchema = z.strictObject({
  /** The concept's name as readers say it: "Sloppy quorum". */
  title: z.string(required('the concept\'s name in quotes, e.g. title: "Sloppy quorum"')).min(1),
  /** The definition in one or two sentences; shown in the glossary, in search results and on hover. */
  summary: z
    .string(required('the definition in one or two sentences'))
    .min(20, { error: 'summary needs a one-sentence definition (at least 20 characters)' })
    .max(280),
  /** Other names and abbreviations a reader may search for (HW, LWW). */
  aliases: z.array(z.string().min(1)).default([]),
});

export type ConceptData = z.infer<typeof conceptSchema>;
