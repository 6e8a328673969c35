import { backlinksFromMentions, type Backlink, type LinkMention } from './backlinks.ts';

/** A page that takes part in the link graph: a note or a concept. */
export interface GraphPage {
  readonly id: string;
  readonly kind: 'note' | 'concept';
  readonly title: string;
  /** The page's links to notes and concepts with their sentences, in reading order (from the markdown pipeline). */
  readonly mentions: readonly LinkMention[];
}

/**
 * Who links to whom across notes and concepts, derived once per build from the pages' markdown: the
 * note page (backlinks, neighbourhood, related notes), the concept pages ("used by"), the glossary and
 * the graph page all read this one structure, so they cannot disagree.
 */
export interface LinkGraph<P extends GraphPage = GraphPage> {
  readonly pages: ReadonlyMap<string, P>;
  /** For each page, the pages linking to it, with the sentence around each link, in page order. */
  readonly incoming: ReadonlyMap<string, readonly Backlink[]>;
  /** For each page, the distinct pages it links to, in order of first mention. */
  readonly outgoing: ReadonlyMap<string, readonly string[]>;
}

export function linkGraph<P extends GraphPage>(pages: readonly P[]): LinkGraph<P> {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const all = backlinksFromMentions(pages);
  const incoming = new Map<string, Backlink[]>();
  const targetsOf = new Map<string, Set<string>>(pages.map((p) => [p.id, new Set()]));
  for (const [target, links] of all) {
    // Links to ids that are not pages are the markdown pipeline's to report; the graph skips them.
    if (!byId.has(target)) continue;
    incoming.set(target, links);
    for (const link of links) targetsOf.get(link.from)?.add(target);
  }
  const outgoing = new Map<string, string[]>();
  // Sets keep insertion order, and mentions come in reading order: first mention first.
  for (const page of pages) {
    const targets = targetsOf.get(page.id)!;
    outgoing.set(page.id, [...new Set(page.mentions.map((m) => m.target))].filter((t) => targets.has(t)));
  }
  return { pages: byId, incoming, outgoing };
}

/** Pages linked from `id` or linking to it, each once. */
export function neighbours(graph: LinkGraph, id: string): { linksTo: string[]; linkedFrom: string[] } {
  const linksTo = [...(graph.outgoing.get(id) ?? [])];
  const linkedFrom = [...new Set((graph.incoming.get(id) ?? []).map((l) => l.from))];
  return { linksTo, linkedFrom };
}

/** The concepts a page links to: what it is "about" for search filters and related notes. */
export function conceptsOf(graph: LinkGraph, id: string): string[] {
  return (graph.outgoing.get(id) ?? []).filter((target) => graph.pages.get(target)?.kind === 'concept');
}

/** The distinct notes that link to a page (a concept's "used by"), in the order they first do. */
export function notesLinkingTo(graph: LinkGraph, id: string): string[] {
  return [...new Set((graph.incoming.get(id) ?? []).filter((l) => graph.pages.get(l.from)?.kind === 'note').map((l) => l.from))];
}

/** Edges for drawing: one per (from, to) pair. */
export function edges(graph: LinkGraph): Array<[string, string]> {
  return [...graph.outgoing].flatMap(([from, targets]) => targets.map((to): [string, string] => [from, to]));
}
