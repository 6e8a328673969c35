import { describe, expect, it } from 'vitest';
import { bounds, fitTransform, orientFor } from '../../src/lib/graph-fit.ts';
import { placeLabels, wrapLabel, type LabelRequest } from '../../src/lib/graph-labels.ts';

// A wide picture, like the build's 20-page layout (276 × 165 graph units).
const wide = [
  { x: -138, y: -137, r: 5 },
  { x: 138, y: 28, r: 5 },
  { x: 0, y: 0, r: 14 },
];

describe('orientFor', () => {
  it('turns a wide picture a quarter for a tall (phone) canvas, keeping distances', () => {
    const turned = orientFor(wide, 350, 606);
    const b = bounds(turned);
    expect(b.y1 - b.y0).toBeGreaterThan(b.x1 - b.x0);
    const distance = (ps: typeof wide) => Math.hypot(ps[0]!.x - ps[1]!.x, ps[0]!.y - ps[1]!.y);
    expect(distance(turned)).toBeCloseTo(distance(wide));
  });

  it('leaves a picture alone when its shape already matches the canvas', () => {
    expect(orientFor(wide, 1110, 606)).toEqual(wide);
  });
});

describe('fitTransform', () => {
  it('fills the binding dimension of the canvas, less the padding, and centres the picture', () => {
    const picture = bounds(orientFor(wide, 350, 606));
    const { k, x, y } = fitTransform(picture, 350, 606, 24, 3);
    const left = x + k * picture.x0;
    const right = x + k * picture.x1;
    const top = y + k * picture.y0;
    const bottom = y + k * picture.y1;
    // The old Fit used 190 of 606 px here; now the picture spans the width or the height, less padding.
    expect(Math.max((right - left) / (350 - 48), (bottom - top) / (606 - 48))).toBeCloseTo(1);
    expect(left).toBeGreaterThanOrEqual(24 - 1e-9);
    expect(right).toBeLessThanOrEqual(350 - 24 + 1e-9);
    expect(top).toBeGreaterThanOrEqual(24 - 1e-9);
    expect(bottom).toBeLessThanOrEqual(606 - 24 + 1e-9);
    expect((left + right) / 2).toBeCloseTo(175);
  });

  it('never zooms past the limit on a tiny graph', () => {
    expect(fitTransform({ x0: -5, x1: 5, y0: -5, y1: 5 }, 1000, 600, 24, 3).k).toBe(3);
  });
});

describe('placeLabels', () => {
  const space = { width: 300, height: 200, lineHeight: 15, margin: 4 };
  const label = (index: number, x: number, y: number, width = 80, always = false): LabelRequest => ({
    index, lines: ['label'], width, x, y, radius: 6, always,
  });

  it('keeps a label near the edge inside the canvas instead of cutting it', () => {
    const [left, right] = placeLabels([label(0, 2, 50), label(1, 298, 150)], space);
    expect(left!.x - 40).toBeGreaterThanOrEqual(4);
    expect(right!.x + 40).toBeLessThanOrEqual(296);
  });

  it('moves a label above its dot at the bottom edge', () => {
    const [placed] = placeLabels([label(0, 150, 195)], space);
    expect(placed!.top + 15).toBeLessThanOrEqual(195);
  });

  it('leaves out a less important label that would cover another, unless it must be shown', () => {
    const crowded = [label(0, 150, 100), label(1, 152, 101), label(2, 150, 100)];
    expect(placeLabels(crowded.slice(0, 2), space).map((p) => p.index)).toEqual([0, 1]); // the second goes above
    expect(placeLabels(crowded, space).map((p) => p.index)).toEqual([0, 1]);
    expect(placeLabels([...crowded, label(3, 151, 100, 80, true)], space).map((p) => p.index)).toEqual([0, 1, 3]);
  });

  it('keeps a label off the other dots: it goes above its own dot when a dot sits just below', () => {
    const dots = [{ index: 0, x: 150, y: 100, radius: 6 }, { index: 1, x: 150, y: 118, radius: 6 }];
    const [placed] = placeLabels([label(0, 150, 100)], space, dots);
    expect(placed!.top + 15).toBeLessThanOrEqual(100 - 6);
  });

  it("lets a note's label cover other dots", () => {
    const dots = [{ index: 0, x: 150, y: 100, radius: 6 }, { index: 1, x: 150, y: 118, radius: 6 }];
    const [placed] = placeLabels([{ ...label(0, 150, 100), overDots: true }], space, dots);
    expect(placed!.top).toBeGreaterThan(100);
  });

  it('puts a label beside its dot when dots sit both under and over it', () => {
    const dots = [{ index: 0, x: 150, y: 100, radius: 6 }, { index: 1, x: 150, y: 118, radius: 6 }, { index: 2, x: 150, y: 82, radius: 6 }];
    const [placed] = placeLabels([label(0, 150, 100)], space, dots);
    expect(placed!.x - 40).toBeGreaterThanOrEqual(150 + 6);
  });

  it('still writes the label in focus when it is wider than the canvas', () => {
    expect(placeLabels([label(0, 150, 100, 400, true)], space).map((p) => p.index)).toEqual([0]);
  });

  it('writes no label for a dot that is off screen', () => {
    expect(placeLabels([label(0, -20, 50), label(1, 150, 260)], space)).toEqual([]);
  });
});

describe('wrapLabel', () => {
  const measure = (s: string) => s.length * 7;
  it('wraps a long title at spaces within the width', () => {
    const lines = wrapLabel("Dynamo: Amazon's always-writeable key-value store", 140, measure);
    expect(lines.join(' ')).toBe("Dynamo: Amazon's always-writeable key-value store");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measure(line) <= 140 || !line.includes(' ')).toBe(true);
  });

  it('keeps a short title on one line', () => {
    expect(wrapLabel('Quorum', 140, measure)).toEqual(['Quorum']);
  });
});
