import type { ShikiTransformer } from 'shiki';
import type { Element, ElementContent } from 'hast';

/**
 * Frames each highlighted code block with a header: its title (```ts title="view-change.ts"), its
 * language, and a copy button. The button starts `hidden` and the page's small script reveals it,
 * so without JavaScript there is no dead control.
 *
 * In:  <pre class="shiki">…</pre>
 * Out: <figure class="code" data-pagefind-ignore><figcaption><span class="code-title">view-change.ts</span>
 *      <span class="code-lang">ts</span><button class="copy" hidden>Copy</button></figcaption><pre>…</pre>
 *      [<p class="code-run">Run it: <code>npm run snippet -- quorums</code></p>]</figure>
 */
export function shikiCodeFrame(): ShikiTransformer {
  return {
    name: 'paperlog:code-frame',
    root(root) {
      const pre = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
      if (!pre) return;
      const meta = this.options.meta?.__raw ?? '';
      const title = meta.match(/title="([^"]*)"/)?.[1];
      const run = meta.match(/run="([^"]*)"/)?.[1];
      const lang = this.options.lang;
      pre.properties.tabindex = '0';
      const header: ElementContent[] = [];
      if (title) header.push(el('span', { className: ['code-title'] }, title));
      header.push(el('span', { className: ['code-lang'] }, lang));
      header.push(el('button', { type: 'button', className: ['copy'], hidden: true, 'aria-label': 'Copy code' }, 'Copy'));
      // Code is not prose: kept out of search text so excerpts never show it. The page lists the code's
      // identifiers as search metadata instead (src/lib/code-identifiers.ts), so they still find the note.
      const frame = el('figure', { className: ['code'], 'data-pagefind-ignore': '' });
      frame.children = [el('figcaption', {}, ...header), pre];
      // Embedded model code says how to run it (set by remark-snippet for runnable models).
      if (run) frame.children.push(el('p', { className: ['code-run'] }, 'Run it: ', el('code', {}, run)));
      root.children = [frame];
    },
  };
}

function el(tagName: string, properties: Element['properties'], ...children: Array<string | ElementContent>): Element {
  return {
    type: 'element',
    tagName,
    properties,
    children: children.map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
  };
}
