import { describe, expect, it } from 'vitest';
import { CACHED_BLOCKS, highlightCode, warmUpHighlighting } from '../../src/plugins/highlight/pool.ts';
import { createCodeHighlighter } from '../../src/plugins/highlight/highlight-code.ts';

const block = { code: 'export const quorum = (n: number) => Math.floor(n / 2) + 1;\n', lang: 'ts', meta: 'title="quorum.ts" {1}' };

describe('code highlighting', () => {
  it('gives the same HTML from the worker pool as on the main thread', async () => {
    const [pooled, direct] = await Promise.all([highlightCode(block), createCodeHighlighter()(block)]);
    expect(pooled).toBe(direct);
    expect(pooled).toContain('<span class="code-title">quorum.ts</span>');
    expect(pooled).toContain('class="line highlighted"');
  });

  it('highlights an identical block once, however many notes embed it', () => {
    expect(highlightCode({ ...block })).toBe(highlightCode({ ...block }));
    expect(highlightCode({ ...block, meta: '' })).not.toBe(highlightCode(block));
  });

  it(`keeps the ${CACHED_BLOCKS} blocks used most recently, so memory does not grow with the notebook`, async () => {
    const often = { code: 'embedded in every other note', lang: '', meta: '' };
    const once = { code: 'in one note only', lang: '', meta: '' };
    const [kept, dropped] = [highlightCode(often), highlightCode(once)];
    const others = Array.from({ length: CACHED_BLOCKS }, (_, i) => {
      if (i % 50 === 0) expect(highlightCode(often)).toBe(kept);
      return highlightCode({ code: `fence ${i}`, lang: '', meta: '' });
    });
    expect(highlightCode(often)).toBe(kept);
    expect(highlightCode(once)).not.toBe(dropped);
    await Promise.all([kept, dropped, ...others]);
  });

  it('warms up (as a render worker does while Astro starts) without changing the next block', async () => {
    const fence = { code: 'interface Ack { from: string }\nconst acks: Ack[] = []; // none yet\n', lang: 'ts', meta: '' };
    const withoutWarmUp = await createCodeHighlighter()(fence);
    await warmUpHighlighting();
    expect(await highlightCode(fence)).toBe(withoutWarmUp);
  });

  it('rejects a language Shiki does not know, and keeps serving other blocks', async () => {
    await expect(highlightCode({ code: 'x', lang: 'klingon', meta: '' })).rejects.toThrow('unknown code language "klingon"');
    expect(await highlightCode({ code: 'echo hi', lang: 'sh', meta: '' })).toContain('echo');
  });

  it('shows text and unlabelled fences as plain text', async () => {
    expect(await highlightCode({ code: 'a -> b', lang: '', meta: '' })).toContain('data-language="text"');
  });
});
