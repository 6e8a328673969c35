import { render } from 'astro:content';
import type { MarkdownHeading } from 'astro';
import type { Concept, Note } from './collection.ts';
import { renderedFromDisk } from './rendered-on-disk.ts';
import type { PageData } from '../plugins/page-data.ts';

/** A note or concept ready to place on a page: its HTML (or, for an entry Astro kept, its Content component). */
export interface RenderedEntry {
  html?: string;
  Content?: Awaited<ReturnType<typeof render>>['Content'];
  headings: MarkdownHeading[];
  pageData: PageData;
}

/** Use instead of render(): the loader keeps rendered HTML on disk (rendered-on-disk.ts), not in the store. */
export async function renderEntry(entry: Note | Concept): Promise<RenderedEntry> {
  const onDisk = renderedFromDisk(entry);
  if (onDisk) return onDisk;
  const { Content, headings, remarkPluginFrontmatter } = await render(entry);
  return { Content, headings, pageData: remarkPluginFrontmatter as PageData };
}
