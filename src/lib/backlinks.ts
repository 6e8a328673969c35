import type { Link, Paragraph, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { linkedId, WIKILINK } from '../plugins/link-syntax.ts';

/** A link from one note to another, with the sentence it sits in (split around the link text). */
export interface Backlink {
  readonly from: string;
  readonly before: string;
  readonly text: string;
  readonly after: string;
}

/** A link as it appears in a page: where it points and the sentence around it, in reading order. */
export interface LinkMention {
  readonly target: string;
  readonly before: string;
  readonly text: string;
  readonly after: string;
}

const CONTEXT_CHARS = 160;

/**
 * Who links to whom, derived from the pages' own markdown (never stored by hand): for every note or
 * concept, the pages that link to it, each with the sentence around the link. Links are `[[id]]`,
 * `[[id|text]]` and ordinary links to `/notes/id/`, `/concepts/id/` or the file itself (`dynamo.md`).
 * A page's links to itself are not backlinks. Built from the mentions the markdown pipeline collects
 * while rendering each page (linkMentions, called by remark-wikilinks.ts), so nothing is parsed twice.
 */
export function backlinksFromMentions(pages: ReadonlyArray<{ id: string; mentions: readonly LinkMention[] }>): Map<string, Backlink[]> {
  const result = new Map<string, Backlink[]>();
  for (const page of pages) {
    for (const { target, ...context } of page.mentions) {
      if (target === page.id) continue;
      const list = result.get(target) ?? [];
      list.push({ from: page.id, ...context });
      result.set(target, list);
    }
  }
  return result;
}

/** Every link to a note or concept in a markdown tree, with its sentence, in reading order. */
export function linkMentions(tree: Root): LinkMention[] {
  const mentions: LinkMention[] = [];
  visit(tree, 'paragraph', (paragraph: Paragraph) => {
    const { text, spans } = flatten(paragraph.children);
    for (const span of spans) mentions.push({ target: span.target, ...sentenceAround(text, span.start, span.end) });
  });
  return mentions;
}

interface Span {
  readonly target: string;
  readonly start: number;
  readonly end: number;
}

/** A paragraph as plain text, with where each note link's text lies in it. */
function flatten(nodes: readonly PhrasingContent[]): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  const walk = (list: readonly PhrasingContent[]) => {
    for (const node of list) {
      if (node.type === 'text') {
        let last = 0;
        for (const match of node.value.matchAll(WIKILINK)) {
          text += node.value.slice(last, match.index);
          const shown = (match[2] ?? match[1]!).trim();
          spans.push({ target: match[1]!.trim(), start: text.length, end: text.length + shown.length });
          text += shown;
          last = match.index + match[0].length;
        }
        text += node.value.slice(last);
      } else if (node.type === 'inlineCode') {
        text += node.value;
      } else if (node.type === 'link' && linkedId((node as Link).url)) {
        const start = text.length;
        walk(node.children);
        spans.push({ target: linkedId((node as Link).url)!, start, end: text.length });
      } else if ('children' in node) {
        walk(node.children as PhrasingContent[]);
      } else if (node.type === 'break') {
        text += ' ';
      }
    }
  };
  walk(nodes);
  return { text: text.replace(/\s+/g, ' '), spans };
}

/** The sentence containing [start, end), cut to a readable length on either side. */
function sentenceAround(text: string, start: number, end: number): Omit<Backlink, 'from'> {
  const boundary = /[.!?](?=\s)/g;
  let sentenceStart = 0;
  for (const match of text.slice(0, start).matchAll(boundary)) sentenceStart = match.index + 1;
  const rest = text.slice(end);
  const next = rest.search(/[.!?](?=\s|$)/);
  const sentenceEnd = next === -1 ? text.length : end + next + 1;
  let before = text.slice(sentenceStart, start).trimStart();
  let after = text.slice(end, sentenceEnd);
  if (before.length > CONTEXT_CHARS) before = '… ' + before.slice(before.length - CONTEXT_CHARS).replace(/^\S*\s/, '');
  if (after.length > CONTEXT_CHARS) after = after.slice(0, CONTEXT_CHARS).replace(/\s\S*$/, '') + ' …';
  return { before, text: text.slice(start, end), after };
}
