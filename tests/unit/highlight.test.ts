import { describe, expect, it } from 'vitest';
import { highlightCode } from '../../src/plugins/highlight/pool.ts';
import { createCodeHighlighter } from '../../src/plugins/highlight/highlight-code.ts';
import { toHtml } from 'hast-util-to-html';

const block = { code: 'export const quorum = (n: number) => Math.floor(n / 2) + 1;\n', lang: 'ts', meta: 'title="quorum.ts" {1}' };

describe('code highlighting', () => {
  it('gives the same HTML from the worker pool as on the main thread', async () => {
    const [pooled, direct] = (await Promise.all([highlightCode(block), createCodeHighlighter()(block)])).map((b) => toHtml(b));
    expect(pooled).toBe(direct);
    expect(pooled).toContain('<span class="code-title">quorum.ts</span>');
    expect(pooled).toContain('class="line highlighted"');
  });

  it('highlights an identical block once, however many notes embed it', () => {
    expect(highlightCode({ ...block })).toBe(highlightCode({ ...block }));
    expect(highlightCode({ ...block, meta: '' })).not.toBe(highlightCode(block));
  });

  it('rejects a language Shiki does not know, and keeps serving other blocks', async () => {
    await expect(highlightCode({ code: 'x', lang: 'klingon', meta: '' })).rejects.toThrow('unknown code language "klingon"');
    expect(toHtml(await highlightCode({ code: 'echo hi', lang: 'sh', meta: '' }))).toContain('echo');
  });

  it('shows text and unlabelled fences as plain text', async () => {
    expect(toHtml(await highlightCode({ code: 'a -> b', lang: '', meta: '' }))).toContain('data-language="text"');
  });
});
