import { describe, expect, it } from 'vitest';
import { seriesParts, seriesPlace, type SeriesMember } from '../../src/lib/series-order.ts';

const note = (id: string, series?: { id: string; position: number }): SeriesMember => ({ id, data: { title: id, series } });
const notes = [
  note('delos', { id: 'log-replication', position: 2 }),
  note('dynamo', { id: 'consistency', position: 3 }),
  note('vr', { id: 'log-replication', position: 1 }),
  note('kafka', { id: 'log-replication', position: 6 }),
  note('loose'),
];

describe('series order', () => {
  it('orders the parts of a series by position, ignoring gaps and other series', () => {
    expect(seriesParts(notes, 'log-replication').map((n) => n.id)).toEqual(['vr', 'delos', 'kafka']);
  });

  it('numbers a note among the parts that exist and finds its neighbours', () => {
    const place = seriesPlace(notes, notes[0]!);
    expect(place).toMatchObject({ part: 2, total: 3 });
    expect(place?.previous?.id).toBe('vr');
    expect(place?.next?.id).toBe('kafka');
  });

  it('gives the first part no previous and the last no next', () => {
    expect(seriesPlace(notes, notes[2]!)?.previous).toBeUndefined();
    expect(seriesPlace(notes, notes[3]!)?.next).toBeUndefined();
  });

  it('places a note outside any series nowhere', () => {
    expect(seriesPlace(notes, notes[4]!)).toBeUndefined();
  });

  it('rejects two notes at one position, naming both', () => {
    const clash = [...notes, note('raft', { id: 'log-replication', position: 2 })];
    expect(() => seriesParts(clash, 'log-replication')).toThrow(/"(delos|raft)" and "(delos|raft)" both claim position 2 in series "log-replication"/);
  });
});
