import { describe, expect, it } from 'vitest';
import { internalLinks } from '../../src/integrations/crawl-site.ts';

describe('dev search crawler links', () => {
  const origin = 'http://localhost:4321';
  it('keeps same-origin page links as paths, without query or fragment', () => {
    const html = '<a href="/notes/dynamo/#hinted-handoff">x</a><a class="y" href="/tags/?a=1&amp;b=2">t</a><a href="notes/vr/">r</a>';
    expect(internalLinks(html, origin)).toEqual(['/notes/dynamo/', '/tags/', '/notes/vr/']);
  });
  it('drops other hosts, feeds, assets and the search bundle', () => {
    const html = '<a href="https://doi.org/10.1/x">d</a><a href="/rss.xml">r</a><a href="/favicon.svg">f</a><a href="/pagefind/x.js">p</a>';
    expect(internalLinks(html, origin)).toEqual([]);
  });
});
