/**
 * Notes to read next, derived from what notes share: a direct link either way counts most, then each
 * concept both link to, then each shared tag, then being in the same series. Ties go to the newer note;
 * a note is never related to itself.
 */
export interface RelatedInput {
  readonly id: string;
  readonly tags: readonly string[];
  readonly series?: string | undefined;
  /** Ids of the notes this note links to. */
  readonly links: readonly string[];
  /** Ids of the concepts this note links to. */
  readonly concepts?: readonly string[];
  readonly added: Date;
}

const LINK_WEIGHT = 3;
const CONCEPT_WEIGHT = 2;
const TAG_WEIGHT = 1;
const SERIES_WEIGHT = 1;

/**
 * Related notes for every note at once. Scores are summed through inverted indexes (tag → notes,
 * concept → notes, series → notes), so a note is only compared with notes it shares something with,
 * not with every other note of the site.
 */
export function relatedByNote(all: readonly RelatedInput[], count = 3): Map<string, string[]> {
  const byId = new Map(all.map((n) => [n.id, n]));
  const index = new Map<string, string[]>();
  const post = (key: string, id: string) => {
    const list = index.get(key);
    if (list) list.push(id);
    else index.set(key, [id]);
  };
  for (const n of all) {
    for (const tag of n.tags) post(`tag:${tag}`, n.id);
    for (const concept of n.concepts ?? []) post(`concept:${concept}`, n.id);
    if (n.series !== undefined) post(`series:${n.series}`, n.id);
  }
  const linkedWith = new Map<string, Set<string>>(all.map((n) => [n.id, new Set()]));
  for (const n of all) {
    for (const target of n.links) {
      if (!byId.has(target) || target === n.id) continue;
      linkedWith.get(n.id)!.add(target);
      linkedWith.get(target)!.add(n.id);
    }
  }
  const result = new Map<string, string[]>();
  for (const note of all) {
    const scores = new Map<string, number>();
    const add = (id: string, weight: number) => id !== note.id && scores.set(id, (scores.get(id) ?? 0) + weight);
    for (const id of linkedWith.get(note.id)!) add(id, LINK_WEIGHT);
    for (const tag of note.tags) for (const id of index.get(`tag:${tag}`) ?? []) add(id, TAG_WEIGHT);
    for (const concept of note.concepts ?? []) for (const id of index.get(`concept:${concept}`) ?? []) add(id, CONCEPT_WEIGHT);
    if (note.series !== undefined) for (const id of index.get(`series:${note.series}`) ?? []) add(id, SERIES_WEIGHT);
    result.set(
      note.id,
      [...scores]
        .map(([id, score]) => ({ other: byId.get(id)!, score }))
        .sort((a, b) => b.score - a.score || b.other.added.getTime() - a.other.added.getTime() || a.other.id.localeCompare(b.other.id))
        .slice(0, count)
        .map(({ other }) => other.id),
    );
  }
  return result;
}

/** Related notes for one note (see relatedByNote). */
export function relatedNotes(note: RelatedInput, all: readonly RelatedInput[], count = 3): string[] {
  const everyone = all.some((n) => n.id === note.id) ? all : [...all, note];
  return relatedByNote(everyone, count).get(note.id) ?? [];
}
