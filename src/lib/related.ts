/**
 * Notes to read next, derived from what notes share: a direct link either way counts most, then each
 * shared tag, then being in the same series. Ties go to the newer note; a note is never related to itself.
 */
export interface RelatedInput {
  readonly id: string;
  readonly tags: readonly string[];
  readonly series?: string | undefined;
  /** Ids of the notes this note links to. */
  readonly links: readonly string[];
  readonly added: Date;
}

const LINK_WEIGHT = 3;
const TAG_WEIGHT = 1;
const SERIES_WEIGHT = 1;

export function relatedNotes(note: RelatedInput, all: readonly RelatedInput[], count = 3): string[] {
  return all
    .filter((other) => other.id !== note.id)
    .map((other) => ({ other, score: score(note, other) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || b.other.added.getTime() - a.other.added.getTime() || a.other.id.localeCompare(b.other.id))
    .slice(0, count)
    .map(({ other }) => other.id);
}

function score(a: RelatedInput, b: RelatedInput): number {
  const linked = a.links.includes(b.id) || b.links.includes(a.id) ? LINK_WEIGHT : 0;
  const tags = a.tags.filter((t) => b.tags.includes(t)).length * TAG_WEIGHT;
  const series = a.series !== undefined && a.series === b.series ? SERIES_WEIGHT : 0;
  return linked + tags + series;
}
