import type { LinkGraph } from './link-graph.ts';
import { conceptUrl, noteUrl } from './urls.ts';

/** Title, address and kind of a page in the link graph, for components that list or draw pages. */
export interface PageRef {
  readonly id: string;
  readonly title: string;
  readonly kind: 'note' | 'concept';
  readonly url: string;
}

export function pageRef(graph: LinkGraph, id: string): PageRef {
  const page = graph.pages.get(id);
  if (!page) throw new Error(`No note or concept has the id "${id}".`);
  return { id, title: page.title, kind: page.kind, url: page.kind === 'concept' ? conceptUrl(id) : noteUrl(id) };
}
