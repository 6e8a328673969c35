import type { Code, Root } from 'mdast';
import type { Element } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { highlightCode } from './highlight/pool.ts';
import { lineInFile } from './source-line.ts';

/**
 * Code fences → highlighted, framed HTML (see highlight/). Runs last, after diagrams have become HTML.
 *
 * In:  ```ts title="quorum.ts" {2}\n…\n```
 * Out: <figure class="code"><figcaption …>quorum.ts · ts · Copy</figcaption><pre class="astro-code …">…</pre></figure>
 *      (as a hast element attached to the node, so nothing re-parses the highlighted HTML)
 *
 * All blocks of a note are highlighted concurrently. A language Shiki does not know stops the build
 * with the file and line.
 */
export default function remarkHighlight() {
  return async (tree: Root, file: VFile) => {
    const fences: Code[] = [];
    visit(tree, 'code', (node) => {
      fences.push(node);
    });
    await Promise.all(
      fences.map(async (node) => {
        const block = await highlightCode({ code: node.value, lang: node.lang ?? '', meta: node.meta ?? '' }).catch((error: Error) =>
          file.fail(
            `${file.path}:${lineInFile(file, node.position?.start.line ?? 0)}: ${error.message}. ` +
              'Use a language Shiki knows (ts, sh, json …) or `text` for plain text.',
            node,
          ),
        );
        // The element travels to the page as hast (remark-rehype's hName/hChildren), never as an HTML string
        // to parse again. structuredClone: the cached block is shared by every note that embeds it.
        const copy = structuredClone(block) as Element;
        Object.assign(node, { type: 'highlightedCode', data: { hName: copy.tagName, hProperties: copy.properties, hChildren: copy.children } });
      }),
    );
  };
}
