/**
 * Orders the notes of one series by their `series.position` and finds a note's neighbours. Pure, so
 * it is tested without Astro. Two notes claiming the same position is a content error.
 */
export interface SeriesMember {
  id: string;
  data: { title: string; series?: { id: string; position: number } | undefined };
}

export function seriesParts<T extends SeriesMember>(notes: readonly T[], seriesId: string): T[] {
  const parts = notes.filter((n) => n.data.series?.id === seriesId);
  parts.sort((a, b) => a.data.series!.position - b.data.series!.position);
  for (let i = 1; i < parts.length; i++) {
    const [a, b] = [parts[i - 1]!, parts[i]!];
    if (a.data.series!.position === b.data.series!.position) {
      throw new Error(
        `Notes "${a.id}" and "${b.id}" both claim position ${a.data.series!.position} in series "${seriesId}". ` +
          'Give each note its own series.position in its frontmatter.',
      );
    }
  }
  return parts;
}

export interface SeriesPlace<T> {
  /** 1-based part number among the notes that exist. */
  part: number;
  total: number;
  previous?: T | undefined;
  next?: T | undefined;
}

export function seriesPlace<T extends SeriesMember>(notes: readonly T[], note: T): SeriesPlace<T> | undefined {
  if (!note.data.series) return undefined;
  const parts = seriesParts(notes, note.data.series.id);
  const index = parts.findIndex((n) => n.id === note.id);
  return { part: index + 1, total: parts.length, previous: parts[index - 1], next: parts[index + 1] };
}
