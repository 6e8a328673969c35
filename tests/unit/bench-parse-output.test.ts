import { describe, expect, it } from 'vitest';
import { contentStoreCleared, cpuMs, maxResidentBytes, pagesBuilt, starlightPagefindMs } from '../../scripts/bench/parse-output.ts';
import { descendants, parentPid } from '../../scripts/bench/process-tree.ts';
import { ratio } from '../../scripts/bench/row.ts';

describe('reading build output', () => {
  it("takes the page count from Astro's last summary line", () => {
    expect(pagesBuilt('10:06:14 [build] 28 page(s) built in 11.95s\n10:07:00 [build] 1091 page(s) built in 40.1s\n')).toBe(1091);
    expect(pagesBuilt('no summary')).toBeUndefined();
  });

  it("takes Starlight's Pagefind time in seconds or milliseconds", () => {
    expect(starlightPagefindMs('[starlight:pagefind] Finished building search index in 116ms.')).toBe(116);
    expect(starlightPagefindMs('[starlight:pagefind] Finished building search index in 2.41s.')).toBe(2410);
    expect(starlightPagefindMs('')).toBeUndefined();
  });

  it('reads the peak RSS GNU time -v reports, in bytes', () => {
    expect(maxResidentBytes('\tMaximum resident set size (kbytes): 1203452\n')).toBe(1203452 * 1024);
    expect(maxResidentBytes('')).toBeUndefined();
  });

  it('notices when Astro threw its content cache away, so a rebuild was not incremental', () => {
    expect(contentStoreCleared('10:57:32 [content] Astro config changed\n10:57:32 [content] Clearing content store\n')).toBe(true);
    expect(contentStoreCleared('10:19:03 [content] Synced content\n')).toBe(false);
  });

  it('adds user and system CPU time from GNU time -v, in ms', () => {
    expect(cpuMs('\tUser time (seconds): 49.62\n\tSystem time (seconds): 11.70\n')).toBe(61_320);
    expect(cpuMs('\tUser time (seconds): 1.00\n')).toBeUndefined();
  });
});

describe('process tree', () => {
  it('reads the parent pid even when the command name holds spaces and parentheses', () => {
    expect(parentPid('4242 (node (worker) 1) S 4200 4242 4200 0 -1')).toBe(4200);
  });

  it('collects a process and all its descendants, not its siblings', () => {
    const parents = new Map([[2, 1], [3, 2], [4, 3], [5, 1], [6, 2]]);
    expect(descendants(parents, 2).sort()).toEqual([2, 3, 4, 6]);
  });
});

describe('ratios', () => {
  it('divides to two decimals and gives null when a value is missing', () => {
    expect(ratio(31_400, 12_000)).toBe(2.62);
    expect(ratio(null, 1)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
  });
});
