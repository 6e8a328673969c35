import type { Paragraph, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { setPageData } from './page-data.ts';

/** About three lines of a link preview at its widest: enough to tell what the page is about. */
export const LEAD_CHARACTERS_MAX = 320;

/**
 * The opening prose of a page, as plain text, for its link preview (src/scripts/link-preview.ts):
 * the first paragraphs at the top level of the document, skipping headings, code, diagrams, lists and
 * quotes, up to LEAD_CHARACTERS_MAX characters, cut at a word with "…". Runs after the wikilinks
 * plugin, so a link shows its text, not `[[id|text]]`.
 *
 * In:  ## The problem\n\nAmazon's cart must accept writes… (§1).\n\n```mermaid …```\n\nDynamo is the store…
 * Out: file.data.astro.frontmatter = { …, lead: "Amazon’s cart must accept writes… (§1). Dynamo is the store…" }
 */
export default function remarkPreviewText() {
  return (tree: Root, file: VFile) => {
    setPageData(file, { lead: leadOf(tree.children.filter((node): node is Paragraph => node.type === 'paragraph')) });
  };
}

function leadOf(paragraphs: readonly Paragraph[]): string {
  let lead = '';
  for (const paragraph of paragraphs) {
    // No raw HTML: a preview shows words, and its text goes into the page as text, never as markup.
    const text = toString(paragraph, { includeHtml: false }).replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    lead = lead === '' ? text : `${lead} ${text}`;
    if (lead.length >= LEAD_CHARACTERS_MAX) break;
  }
  return shorten(lead, LEAD_CHARACTERS_MAX);
}

/** At most `max` characters, ending at a whole word with "…" when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
