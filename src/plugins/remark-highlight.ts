import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { highlightCode } from './highlight/pool.ts';
import { htmlFragment } from './html-fragments.ts';
import { lineInFile } from './source-line.ts';

/**
 * Code fences → highlighted, framed HTML (see highlight/). Runs last, after diagrams have become HTML.
 *
 * In:  ```ts title="quorum.ts" {2}\n…\n```
 * Out: <figure class="code"><figcaption …>quorum.ts · ts · Copy</figcaption><pre class="astro-code …">…</pre></figure>
 *      (as finished HTML that the rest of the pipeline passes by: html-fragments.ts)
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
        Object.assign(node, { type: 'highlightedCode', data: htmlFragment(file, block) });
      }),
    );
  };
}
