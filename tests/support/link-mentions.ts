import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { backlinksFromMentions, linkMentions, type Backlink, type LinkMention } from '../../src/lib/backlinks.ts';

/** The links a markdown text makes, as remark-wikilinks.ts records them while a page renders. */
export function mentionsIn(markdown: string): LinkMention[] {
  return linkMentions(unified().use(remarkParse).parse(markdown) as Root);
}

/** Backlinks of pages given as markdown: the build's computation, from text instead of rendered pages. */
export function backlinks(pages: ReadonlyArray<{ id: string; body: string }>): Map<string, Backlink[]> {
  return backlinksFromMentions(pages.map((p) => ({ id: p.id, mentions: mentionsIn(p.body) })));
}
