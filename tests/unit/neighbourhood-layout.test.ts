import { describe, expect, it } from 'vitest';
import { layoutNeighbourhood, type MapPage } from '../../src/lib/neighbourhood-layout.ts';

const page = (id: string, kind: 'note' | 'concept' = 'note', title = id): MapPage => ({ id, title, kind, url: `/${kind}s/${id}/` });

describe('neighbourhood map', () => {
  it('puts pages linking here on the left, this page in the middle and pages it links to on the right', () => {
    const map = layoutNeighbourhood(page('delos'), [page('vr'), page('seal', 'concept')], [page('bookkeeper')]);
    const x = (id: string) => map.boxes.find((b) => b.id === id)!.x;
    expect(x('bookkeeper')).toBeLessThan(x('delos'));
    expect(x('vr')).toBeGreaterThan(x('delos'));
    expect(x('seal')).toBe(x('vr'));
    expect(map.edges).toHaveLength(3);
  });

  it('shows a page linked both ways once, with a two-headed edge, on the shorter side', () => {
    const map = layoutNeighbourhood(page('dynamo'), [page('vr'), page('delos'), page('quorum', 'concept')], [page('vr'), page('quorums')]);
    expect(map.boxes.filter((b) => b.id === 'vr')).toEqual([expect.objectContaining({ mutual: true })]);
    expect(map.edges.filter((e) => e.mutual)).toHaveLength(1);
    // quorums (in) and delos, quorum (out) are one-way; vr balances the columns at 2 and 2.
    expect(map.boxes.filter((b) => b.side === 'in').map((b) => b.id).sort()).toEqual(['quorums', 'vr']);
  });

  it('keeps neighbouring notes before concepts when it has to leave pages out', () => {
    const concepts = Array.from({ length: 8 }, (_, i) => page(`c${i}`, 'concept'));
    const map = layoutNeighbourhood(page('x'), [...concepts, page('vr')], [], 7);
    expect(map.boxes.some((b) => b.id === 'vr')).toBe(true);
  });

  it('keeps boxes from overlapping and inside the drawing', () => {
    const many = Array.from({ length: 6 }, (_, i) => page(`p${i}`));
    const map = layoutNeighbourhood(page('x'), many, many.map((p) => page(`in-${p.id}`)));
    for (const a of map.boxes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width).toBeLessThanOrEqual(map.width);
      expect(a.y + a.height).toBeLessThanOrEqual(map.height);
      for (const b of map.boxes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('caps each side and counts what it left out', () => {
    const many = Array.from({ length: 12 }, (_, i) => page(`p${i}`));
    const map = layoutNeighbourhood(page('x'), many, [], 7);
    expect(map.boxes.filter((b) => b.side === 'out')).toHaveLength(7);
    expect(map.hidden).toEqual({ in: 0, out: 5 });
  });

  it('cuts long titles at a word and ends them with an ellipsis', () => {
    const map = layoutNeighbourhood(page('vr', 'note', 'Viewstamped Replication Revisited'), [], []);
    expect(map.boxes[0]!.label).toBe('Viewstamped Replication…');
  });
});
