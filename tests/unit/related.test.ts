import { describe, expect, it } from 'vitest';
import { relatedByNote, relatedNotes, type RelatedInput } from '../../src/lib/related.ts';

const note = (id: string, tags: string[], links: string[] = [], series?: string, added = '2026-01-01'): RelatedInput => ({
  id,
  tags,
  links,
  series,
  added: new Date(added),
});

describe('related notes', () => {
  const notes = [
    note('delos', ['consensus', 'logs'], ['vr'], 'log-replication'),
    note('vr', ['consensus', 'replication'], [], 'log-replication'),
    note('kafka', ['logs', 'replication', 'consensus'], [], undefined, '2026-02-01'),
    note('crdts', ['crdts']),
  ];

  it('ranks a linked note above notes that only share tags', () => {
    expect(relatedNotes(notes[0]!, notes)[0]).toBe('vr');
  });

  it('counts links in either direction', () => {
    expect(relatedNotes(notes[1]!, notes)[0]).toBe('delos');
  });

  it('leaves out notes sharing nothing, and the note itself', () => {
    expect(relatedNotes(notes[0]!, notes)).toEqual(['vr', 'kafka']);
    expect(relatedNotes(notes[3]!, notes)).toEqual([]);
  });

  it('breaks ties by the newer note', () => {
    const tied = [note('a', ['x']), note('b', ['x'], [], undefined, '2026-03-01'), note('c', ['x'], [], undefined, '2026-02-01')];
    expect(relatedNotes(tied[0]!, tied)).toEqual(['b', 'c']);
  });

  it('ranks a note sharing a concept above one sharing only a tag', () => {
    const withConcepts = [
      { ...note('dynamo', ['quorums']), concepts: ['sloppy-quorum', 'vector-clock'] },
      { ...note('riak', ['storage'], [], undefined, '2025-01-01'), concepts: ['vector-clock'] },
      note('abd', ['quorums'], [], undefined, '2026-06-01'),
    ];
    expect(relatedNotes(withConcepts[0]!, withConcepts)).toEqual(['riak', 'abd']);
  });

  it('gives every note the same answer as scoring it against all notes one by one', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      ({ ...note(`n${i}`, [`t${i % 5}`, `u${i % 7}`], [`n${(i * 3) % 40}`], i % 4 ? `s${i % 3}` : undefined, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`), concepts: [`c${i % 6}`] }),
    );
    const all = relatedByNote(many);
    for (const n of many) expect(all.get(n.id), n.id).toEqual(bruteForce(n, many));
  });
});

/** The definition, spelled out: score every other note, best first. */
function bruteForce(a: RelatedInput, all: readonly RelatedInput[]): string[] {
  const score = (b: RelatedInput) =>
    (a.links.includes(b.id) || b.links.includes(a.id) ? 3 : 0) +
    (a.concepts ?? []).filter((c) => (b.concepts ?? []).includes(c)).length * 2 +
    a.tags.filter((t) => b.tags.includes(t)).length +
    (a.series !== undefined && a.series === b.series ? 1 : 0);
  return all
    .filter((b) => b.id !== a.id && score(b) > 0)
    .sort((x, y) => score(y) - score(x) || y.added.getTime() - x.added.getTime() || x.id.localeCompare(y.id))
    .slice(0, 3)
    .map((b) => b.id);
}
