import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { remarkPlugins, shikiConfig } from '../../src/plugins/markdown-pipeline.ts';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

let processor: Promise<MarkdownRenderer> | undefined;

/** Renders markdown through the same pipeline the site uses (Astro's unified processor + our plugins). */
export async function renderMarkdown(markdown: string, path = 'content/notes/fixture.md') {
  processor ??= createMarkdownProcessor({ remarkPlugins, shikiConfig, syntaxHighlight: 'shiki' });
  const result = await (await processor).render(markdown, { fileURL: pathToFileURL(resolve(path)), frontmatter: {} });
  return { html: result.code, data: result.metadata.frontmatter as Record<string, unknown> };
}
