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
 * not with every other note of the site. Notes are numbered, and each note's scores go in one array
 * reused for the next: at 4000 notes a note shares a tag with several hundred others, and maps and
 * a full sort per note took a second of page generation.
 */
export function relatedByNote(all: readonly RelatedInput[], count = 3): Map<string, string[]> {
  const position = new Map(all.map((n, i) => [n.id, i]));
  const index = new Map<string, number[]>();
  const post = (key: string, i: number) => {
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  };
  all.forEach((n, i) => {
    for (const tag of n.tags) post(`tag:${tag}`, i);
    for (const concept of n.concepts ?? []) post(`concept:${concept}`, i);
    if (n.series !== undefined) post(`series:${n.series}`, i);
  });
  const linkedWith = all.map(() => new Set<number>());
  all.forEach((n, i) => {
    for (const target of n.links) {
      const j = position.get(target);
      if (j === undefined || j === i) continue;
      linkedWith[i]!.add(j);
      linkedWith[j]!.add(i);
    }
  });
  const added = all.map((n) => n.added.getTime());
  const scores = new Float64Array(all.length);
  const touched: number[] = [];
  const result = new Map<string, string[]>();
  all.forEach((note, i) => {
    const add = (j: number, weight: number) => {
      if (j === i) return;
      if (scores[j] === 0) touched.push(j);
      scores[j]! += weight;
    };
    for (const j of linkedWith[i]!) add(j, LINK_WEIGHT);
    for (const tag of note.tags) for (const j of index.get(`tag:${tag}`) ?? []) add(j, TAG_WEIGHT);
    for (const concept of note.concepts ?? []) for (const j of index.get(`concept:${concept}`) ?? []) add(j, CONCEPT_WEIGHT);
    if (note.series !== undefined) for (const j of index.get(`series:${note.series}`) ?? []) add(j, SERIES_WEIGHT);
    result.set(note.id, best(touched, scores, added, all, count));
    for (const j of touched) scores[j] = 0;
    touched.length = 0;
  });
  return result;
}

/**
 * The ids of the `count` best of `candidates`, best first: higher score, then newer, then id. One
 * pass that keeps the best few, not a sort of every candidate.
 */
function best(candidates: readonly number[], scores: Float64Array, added: readonly number[], all: readonly RelatedInput[], count: number): string[] {
  if (count <= 0) return [];
  const top: number[] = [];
  // > 0 when a ranks before b.
  const before = (a: number, b: number) => scores[a]! - scores[b]! || added[a]! - added[b]! || all[b]!.id.localeCompare(all[a]!.id);
  for (const j of candidates) {
    if (top.length === count && before(j, top[count - 1]!) <= 0) continue;
    let at = top.length;
    while (at > 0 && before(j, top[at - 1]!) > 0) at--;
    top.splice(at, 0, j);
    if (top.length > count) top.pop();
  }
  return top.map((j) => all[j]!.id);
}

/** Related notes for one note (see relatedByNote). */
export function relatedNotes(note: RelatedInput, all: readonly RelatedInput[], count = 3): string[] {
  const everyone = all.some((n) => n.id === note.id) ? all : [...all, note];
  return relatedByNote(everyone, count).get(note.id) ?? [];
}
