import type { Element, Root as HastRoot, RootContent } from 'hast';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Finished HTML that skips the rest of the pipeline: a highlighted code block is already exactly the
 * HTML the page will hold, yet as a tree (an element per token, a few hundred per block) it went
 * through every later step, and the costliest of them is Astro's `rehype-raw`, which re-parses the
 * whole page through an HTML parser to resolve raw HTML. A render worker spent about 10% of its
 * time there, most of it on code blocks, and about 6% more serialising them and copying cached
 * blocks (docs/performance.md).
 *
 * So a plugin hands its HTML to `htmlFragment`, which stores it on the file and returns a one-element
 * placeholder for the tree. `remarkHtmlFragments` (anywhere in the list of remark plugins: it only
 * adds a step at the end) swaps each placeholder for its HTML as a `raw` node after `rehype-raw` has
 * run, and `rehype-stringify` writes `raw` nodes as they are. The page is byte for byte what the
 * whole pipeline would make of the same HTML: tests/unit/html-fragments.test.ts renders it both ways.
 *
 * Only for HTML whose tree `rehype-raw` leaves as it is, as it does for Shiki's output: well-formed
 * elements, no raw HTML inside, nothing an HTML parser would move.
 */
const PLACEHOLDER = 'paperlog-fragment';
const FRAGMENTS = 'paperlogHtmlFragments';

declare module 'vfile' {
  interface DataMap {
    [FRAGMENTS]: string[];
  }
}

/** The mdast `data` that makes a node a placeholder for `html` (remark-rehype reads hName and hProperties). */
export function htmlFragment(file: VFile, html: string): { hName: string; hProperties: Element['properties']; hChildren: [] } {
  const fragments = (file.data[FRAGMENTS] ??= []);
  fragments.push(html);
  return { hName: PLACEHOLDER, hProperties: { dataFragment: String(fragments.length - 1) }, hChildren: [] };
}

/**
 * The remark plugin that puts the fragments in place. Astro appends `rehype-raw` and
 * `rehype-stringify` after every plugin it is given; a plugin added while unified sets the pipeline
 * up (`this.use` from an attacher, during `freeze`) goes after those, which is where the swap must
 * run. tests/unit/html-fragments.test.ts renders through Astro's own processor, so an upgrade that
 * changed this order would fail there, and tests/site/output.test.ts finds any placeholder in the site.
 */
export default function remarkHtmlFragments(this: Processor) {
  this.use(rehypeInsertFragments);
}

function rehypeInsertFragments() {
  return (tree: HastRoot, file: VFile) => {
    const fragments = file.data[FRAGMENTS];
    if (!fragments) return;
    let inserted = 0;
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== PLACEHOLDER || !parent || index === undefined) return;
      const html = fragments[Number(node.properties['dataFragment'])];
      if (html === undefined) throw new Error(`${file.path}: an HTML fragment placeholder names no fragment (${String(node.properties['dataFragment'])})`);
      // `raw`: HTML as a string, the node type rehype-stringify writes out unchanged (declared by mdast-util-to-hast).
      parent.children[index] = { type: 'raw', value: html } as unknown as RootContent;
      inserted++;
    });
    if (inserted < fragments.length) {
      throw new Error(
        `${file.path}: ${fragments.length - inserted} of ${fragments.length} highlighted blocks lost their place in the page ` +
          '(a plugin after remark-highlight removed a placeholder; see src/plugins/html-fragments.ts).',
      );
    }
    if (inserted > fragments.length) {
      throw new Error(
        `${file.path}: a highlighted block appears more than once in the page, ${inserted} placeholders for ${fragments.length} blocks ` +
          '(a plugin after remark-highlight copied a placeholder; see src/plugins/html-fragments.ts).',
      );
    }
  };
}
