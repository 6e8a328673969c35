import { describe, expect, it } from 'vitest';
import { planQuery, plannedSearch, unmarkStrays } from '../../src/scripts/search-setup.ts';
import { codeIdentifiers } from '../../src/lib/code-identifiers.ts';

describe('planQuery', () => {
  it('turns a formula into whole-word variables and drops the symbols', () => {
    expect(planQuery('R + W > N')).toEqual({ text: 'r w n', wholeWords: ['r', 'w', 'n'] });
    expect(planQuery('R+W>N')).toEqual({ text: 'r w n', wholeWords: ['r', 'w', 'n'] });
  });

  it('prefix-matches only the longer terms when a query mixes them with one-letter ones', () => {
    expect(planQuery('2f + 1 replicas')).toEqual({ text: '2f replicas', wholeWords: ['1'] });
    expect(planQuery('quorum R')).toEqual({ text: 'quorum', wholeWords: ['r'] });
  });

  it('leaves ordinary queries alone, hyphens and apostrophes included', () => {
    expect(planQuery('read-write quorum')).toEqual({ text: 'read-write quorum', wholeWords: [] });
    expect(planQuery("Amazon's Dynamo")).toEqual({ text: "Amazon's Dynamo", wholeWords: [] });
  });

  it('plans a symbol-only query as nothing to search', () => {
    expect(planQuery('+ >')).toEqual({ text: '', wholeWords: [] });
  });
});

describe('unmarkStrays', () => {
  it('keeps the highlight on whole one-letter words and removes it from words they merely begin', () => {
    const plan = planQuery('R + W > N');
    expect(unmarkStrays('it does <mark>not</mark> keep <mark>R</mark> + <mark>W,</mark> <mark>when</mark> <mark>N.</mark>', plan))
      .toBe('it does not keep <mark>R</mark> + <mark>W,</mark> when <mark>N.</mark>');
  });
});

describe('plannedSearch', () => {
  // A stand-in for Pagefind: prefix matching over three pages, exact matching for quoted words.
  const pages: Record<string, string> = { a: 'why r w n', b: 'replicas when not', c: 'r w n rules' };
  const result = (id: string) => ({ id, data: async () => ({ excerpt: `<mark>${pages[id]}</mark>` }) });
  const pagefind = {
    search: async (term: string | null) => {
      const exact = term?.match(/^"(.*)"$/)?.[1];
      const words = (id: string) => pages[id]!.split(' ');
      const ids = Object.keys(pages).filter((id) =>
        term === null || (exact ? words(id).includes(exact) : term.split(' ').every((t) => words(id).some((w) => w.startsWith(t)))),
      );
      return { results: ids.map(result), unfilteredResultCount: ids.length };
    },
  };

  it('keeps only the pages where each one-letter term stands alone, in Pagefind\'s order', async () => {
    const response = await plannedSearch(pagefind)('R + W > N');
    expect(response!.results.map((r) => r.id)).toEqual(['a', 'c']);
    expect(response!.unfilteredResultCount).toBe(2);
  });

  it('passes quoted searches and filter-only searches through unchanged', async () => {
    expect((await plannedSearch(pagefind)('"rules"'))!.results.map((r) => r.id)).toEqual(['c']);
    expect((await plannedSearch(pagefind)(null))!.results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('codeIdentifiers', () => {
  it('lists the names in code blocks once each, without keywords, short names or markup', () => {
    const html = '<p>prose words</p><figure class="code"><pre class="shiki"><code><span class="line"><span>export function</span> '
      + '<span>bySender</span>(m: Msg): <span>number</span> { <span>return</span> m.i &amp;&amp; bySender; }</span></code></pre></figure>';
    expect(codeIdentifiers(html)).toEqual(['bySender', 'Msg']);
  });

  it('leaves out the words of comments and strings, and character references', () => {
    const html = '<figure class="code" data-pagefind-ignore><pre><code><span class="line">// advance the commit index</span>\n'
      + '<span class="line">if (acks &#x3C; quorum) throw new Error(&#39;stale quorum&#39;); /* once sealed */</span>\n'
      + '<span class="line">log(`refused ${why}`, "may not survive");</span></code></pre></figure>';
    expect(codeIdentifiers(html)).toEqual(['acks', 'quorum', 'Error', 'log']);
  });

  it('leaves out names the prose already has (the index has them), and a name differing only in case', () => {
    const html = '<p>The <code>commitIndex</code> only grows; each Loglet is sealed once.</p>'
      + '<figure class="code" data-pagefind-ignore><pre><code>const commitIndex = seal(loglet, Loglet, sealedAt);</code></pre></figure>';
    expect(codeIdentifiers(html)).toEqual(['seal', 'sealedAt']);
  });
});
