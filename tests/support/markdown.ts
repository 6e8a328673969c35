import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { PROCESSOR_OPTIONS, remarkPluginsFor } from '../../src/plugins/remark-plugins.ts';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const processors = new Map<string, Promise<MarkdownRenderer>>();

/** Renders markdown through the same pipeline the site uses (Astro's unified processor + our plugins). */
export async function renderMarkdown(markdown: string, path = 'content/notes/fixture.md', options: { snippetsRoot?: string; notesDir?: string; conceptsDir?: string } = {}) {
  const key = `${options.snippetsRoot ?? ''}|${options.notesDir ?? ''}|${options.conceptsDir ?? ''}`;
  if (!processors.has(key)) {
    processors.set(key, createMarkdownProcessor({ remarkPlugins: remarkPluginsFor(options), syntaxHighlight: false, ...PROCESSOR_OPTIONS }));
  }
  const processor = await processors.get(key)!;
  const result = await processor.render(markdown, { fileURL: pathToFileURL(resolve(path)), frontmatter: {} });
  return { html: result.code, data: result.metadata.frontmatter as Record<string, unknown> };
}
