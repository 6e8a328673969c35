import { describe, expect, it } from 'vitest';
import { relatedNotes, type RelatedInput } from '../../src/lib/related.ts';

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
});
