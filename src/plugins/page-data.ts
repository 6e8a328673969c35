import type { VFile } from 'vfile';
import type { LinkMention } from '../lib/backlinks.ts';

/**
 * Facts our plugins learn about a page while rendering it. They travel to the page component as
 * `remarkPluginFrontmatter`, which is how a note page knows whether to load, say, the diagram script.
 */
export interface PageData {
  /** Words of prose, for reading time. */
  words?: number;
  /** Number of diagrams on the page. */
  diagrams?: number;
  /** Number of highlighted code blocks (the copy button's script is included only when > 0). */
  codeBlocks?: number;
  /** Links to notes and concepts with their sentences: backlinks and the link graph are built from these. */
  links?: LinkMention[];
  /** The page's opening prose as plain text, for link previews (remark-preview-text.ts). */
  lead?: string;
}

/** Every key of PageData: the content store keeps these of a rendered note's frontmatter, and no more (rendered-on-disk.ts). */
export const PAGE_DATA_KEYS = ['words', 'diagrams', 'codeBlocks', 'links', 'lead'] as const satisfies ReadonlyArray<keyof PageData>;
// A key added to PageData but not to PAGE_DATA_KEYS would be dropped from the store: make that a type error.
const everyKeyListed: Exclude<keyof PageData, (typeof PAGE_DATA_KEYS)[number]> extends never ? true : never = true;
void everyKeyListed;

export function setPageData(file: VFile, data: PageData): void {
  const astro = (file.data.astro ??= {});
  astro.frontmatter = { ...(astro.frontmatter ?? {}), ...data };
}
