import { describe, expect, it } from 'vitest';
import { median, medianRow, type SiteRow } from '../../scripts/bench/row.ts';

const row = (coldMs: number, rebuildMs: number, extra: Partial<SiteRow> = {}): SiteRow => ({
  notes: 10,
  coldMs,
  astroMs: coldMs - 1000,
  pagefindMs: 1000,
  coldCpuMs: coldMs * 2,
  rebuildMs,
  rebuildPagefindMs: 500,
  rebuildCpuMs: rebuildMs * 2,
  pages: 20,
  htmlFiles: 21,
  pagesPerSecond: 20 / (coldMs / 1000),
  peakRssMB: 100,
  maxProcessRssMB: 80,
  distBytes: 12345,
  page: { path: 'notes/a/index.html', html: { raw: 10, gzip: 5 }, css: { raw: 4, gzip: 2 }, js: { raw: 0, gzip: 0 }, htmlCssGzip: 7 } as unknown as SiteRow['page'],
  warnings: [],
  ...extra,
});

describe('median of benchmark rounds', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([40, 10, 30, 20])).toBe(25);
  });

  it('is null when a round lacks the number or there are no rounds', () => {
    expect(median([1, null, 3])).toBeNull();
    expect(median([])).toBeNull();
  });
});

describe('one row for several rounds', () => {
  it('takes each time from the median round, not from one round', () => {
    const merged = medianRow([row(30_000, 9_000), row(50_000, 8_000), row(40_000, 12_000)]);
    expect(merged.coldMs).toBe(40_000);
    expect(merged.rebuildMs).toBe(9_000);
    expect(merged.coldCpuMs).toBe(80_000);
    expect(merged.rebuildCpuMs).toBe(18_000);
  });

  it('keeps what every round shares, such as the page weight and the output size', () => {
    const merged = medianRow([row(30_000, 9_000), row(50_000, 8_000)]);
    expect(merged.distBytes).toBe(12345);
    expect(merged.page.htmlCssGzip).toBe(7);
    expect(merged.pages).toBe(20);
  });

  it('reports a warning once, however many rounds gave it', () => {
    const merged = medianRow([row(1, 1, { warnings: ['cache cleared'] }), row(1, 1, { warnings: ['cache cleared', 'sources changed'] })]);
    expect(merged.warnings).toEqual(['cache cleared', 'sources changed']);
  });

  it('leaves a number out when a round could not measure it', () => {
    expect(medianRow([row(1, 1), row(1, 1, { coldCpuMs: null })]).coldCpuMs).toBeNull();
  });

  it('keeps extra fields of the first round (the diagram page of a Paperlog row)', () => {
    const withExtra = [{ ...row(1, 1), diagramPage: 'first' }, { ...row(2, 2), diagramPage: 'second' }];
    expect(medianRow(withExtra).diagramPage).toBe('first');
  });

  it('refuses no rounds at all', () => {
    expect(() => medianRow([])).toThrow(/at least one row/);
  });
});
