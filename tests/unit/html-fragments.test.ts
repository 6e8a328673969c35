import { describe, expect, it } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { Html, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import remarkHtmlFragments, { htmlFragment } from '../../src/plugins/html-fragments.ts';
import { PROCESSOR_OPTIONS, remarkPluginsFor } from '../../src/plugins/remark-plugins.ts';

/**
 * Highlighted code reaches the page as finished HTML, put in place after Astro's rehype-raw
 * (src/plugins/html-fragments.ts). The specification: the page is what it would be if the same HTML
 * went through the whole pipeline, parsed by rehype-raw and serialised again.
 */
const note = [
  '# Quorums',
  '',
  'A read quorum and a write quorum must overlap: `R + W > N`.',
  '',
  '```ts title="quorum.ts" {2}',
  'export const quorum = (n: number) => Math.floor(n / 2) + 1;',
  'const ok = quorum(5) > 2 && "yes" !== \'<no>\'; // [!code ++]',
  '```',
  '',
  '- In a list:',
  '',
  '  ```sh',
  '  npm run snippet -- quorums & echo done',
  '  ```',
  '',
  '> In a quote:',
  '>',
  '> ```',
  '> a -> b <c>',
  '> ```',
  '',
  '```ts snippet="quorums/register.ts#read-path"',
  '```',
  '',
  '```mermaid',
  'flowchart LR',
  '  A --> B',
  '```',
].join('\n');

/** Test plugin: turns each placeholder back into raw HTML in the Markdown tree, for rehype-raw to parse. */
function fragmentsThroughTheWholePipeline() {
  return (tree: Root, file: VFile) => {
    const fragments = file.data.paperlogHtmlFragments ?? [];
    visit(tree, (node) => {
      const data = node.data as { hName?: string; hProperties?: { dataFragment?: string } } | undefined;
      if (data?.hName !== 'paperlog-fragment') return;
      Object.assign(node, { type: 'html', value: fragments[Number(data.hProperties!.dataFragment)]!, data: undefined } satisfies Html);
    });
    file.data.paperlogHtmlFragments = [];
  };
}

const render = async (plugins: ReturnType<typeof remarkPluginsFor>, markdown: string) =>
  (await (await createMarkdownProcessor({ remarkPlugins: plugins, syntaxHighlight: false, ...PROCESSOR_OPTIONS })).render(markdown, { frontmatter: {} })).code;

describe('HTML fragments', () => {
  it('give the page byte for byte the HTML the whole pipeline would make of the same blocks', async () => {
    const site = remarkPluginsFor();
    const throughRaw = [...site.slice(0, -1), fragmentsThroughTheWholePipeline, site.at(-1)!];
    const [fast, slow] = await Promise.all([render(site, note), render(throughRaw, note)]);
    expect(fast.match(/<figure class="code"[ >]/g)).toHaveLength(4);
    expect(fast).not.toContain('paperlog-fragment');
    expect(fast).toBe(slow);
  });

  it('are put in place after rehype-raw, so nothing parses them again', async () => {
    // rehype-raw would add the <tbody> an HTML parser implies; put in after it, the fragment stays as written.
    const table = '<table><tr><td>as written</td></tr></table>';
    const asFragment = () => (tree: Root, file: VFile) => {
      tree.children.push({ type: 'paragraph', children: [], data: htmlFragment(file, table) } as unknown as Root['children'][number]);
    };
    expect(await render([asFragment, remarkHtmlFragments], 'Text.')).toContain(table);
  });

  it('stop the build when a later plugin loses a placeholder', async () => {
    const losesIt = () => (_tree: Root, file: VFile) => {
      htmlFragment(file, '<p>lost</p>');
    };
    await expect(render([losesIt, remarkHtmlFragments], 'Text.')).rejects.toThrow(/1 of 1 highlighted blocks lost their place in the page/);
  });

  it('stop the build when a later plugin copies a placeholder', async () => {
    const copiesIt = () => (tree: Root, file: VFile) => {
      const data = htmlFragment(file, '<p>once</p>');
      for (let i = 0; i < 2; i++) tree.children.push({ type: 'paragraph', children: [], data } as unknown as Root['children'][number]);
    };
    await expect(render([copiesIt, remarkHtmlFragments], 'Text.')).rejects.toThrow(/appears more than once in the page, 2 placeholders for 1 blocks/);
  });
});
