/**
 * How a page writes a link to a note or concept, in one place: the markdown pipeline (which turns links
 * into pages' addresses), the backlink extractor and the loader's cache key all read links this way.
 */

/** `[[id]]` or `[[id|shown text]]`: group 1 is the id, group 2 the text. Global: use with matchAll. */
export const WIKILINK = /\[\[([^[\]|]+?)(?:\|([^[\]]+?))?\]\]/g;

/** A note's or concept's file as a link target: `dynamo.md`, `../concepts/quorum.md`, `notes/vr.md`; group 1 is the id. */
const FILE = String.raw`(?:\.{1,2}/)*(?:(?:notes|concepts)/)?([a-z0-9-]+)\.mdx?`;

/** A link to a page's file, with its optional #anchor as group 2. */
export const FILE_LINK = new RegExp(String.raw`^${FILE}(#.*)?$`);

/** The page's site path, `/notes/dynamo/` or `/concepts/quorum/`, with an optional #anchor. */
const SITE_PATH_LINK = /^\/(?:notes|concepts)\/([a-z0-9-]+)\/?(?:#.*)?$/;

/** Ordinary links inside markdown text, `](dynamo.md#ring)`: group 1 is the id. */
const FILE_LINK_IN_MARKDOWN = new RegExp(String.raw`\]\(${FILE}(?:#[^)]*)?\)`, 'g');

/** The id an ordinary link points at, if it points at a note or concept (by file or by site path). */
export function linkedId(url: string): string | undefined {
  return FILE_LINK.exec(url)?.[1] ?? SITE_PATH_LINK.exec(url)?.[1];
}

/** The ids a page's markdown links to: wikilinks `[[id]]`, `[[id|text]]` and links to files, `(dynamo.md)`. */
export function linkedIdsIn(markdown: string): string[] {
  const ids = new Set<string>();
  for (const [, id] of markdown.matchAll(WIKILINK)) ids.add(id!.trim());
  for (const [, id] of markdown.matchAll(FILE_LINK_IN_MARKDOWN)) ids.add(id!);
  return [...ids].sort();
}
