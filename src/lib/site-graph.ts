import { getConcepts, getNotes, type Concept, type Note } from './collection.ts';
import type { LinkMention } from './backlinks.ts';
import { conceptsOf, linkGraph, type GraphPage, type LinkGraph } from './link-graph.ts';
import { relatedByNote } from './related.ts';

export type SitePage = GraphPage & ({ kind: 'note'; entry: Note } | { kind: 'concept'; entry: Concept });

/** Everything the pages derive from links, computed once per build (recomputed per request in dev). */
export interface SiteGraph {
  readonly notes: Note[];
  readonly concepts: Concept[];
  readonly graph: LinkGraph<SitePage>;
  /** Related notes of each note, best first. */
  readonly related: ReadonlyMap<string, string[]>;
  title(id: string): string;
}

let built: Promise<SiteGraph> | undefined;

export function siteGraph(): Promise<SiteGraph> {
  if (import.meta.env.DEV) return buildSiteGraph();
  return (built ??= buildSiteGraph());
}

async function buildSiteGraph(): Promise<SiteGraph> {
  const [notes, concepts] = await Promise.all([getNotes(), getConcepts()]);
  const pages: SitePage[] = [
    ...notes.map((entry): SitePage => ({ id: entry.id, kind: 'note', title: entry.data.title, mentions: mentionsOf(entry), entry })),
    ...concepts.map((entry): SitePage => ({ id: entry.id, kind: 'concept', title: entry.data.title, mentions: mentionsOf(entry), entry })),
  ];
  const graph = linkGraph(pages);
  const isNote = (id: string) => graph.pages.get(id)?.kind === 'note';
  const related = relatedByNote(
    notes.map((n) => ({
      id: n.id,
      tags: n.data.tags,
      series: n.data.series?.id,
      links: (graph.outgoing.get(n.id) ?? []).filter(isNote),
      concepts: conceptsOf(graph, n.id),
      added: n.data.added,
    })),
  );
  return { notes, concepts, graph, related, title: (id) => graph.pages.get(id)?.title ?? id };
}

/** The links the markdown pipeline recorded while rendering the entry (remark-wikilinks.ts); the source itself is not kept. */
function mentionsOf(entry: Note | Concept): readonly LinkMention[] {
  const recorded = (entry.rendered?.metadata?.frontmatter as { links?: LinkMention[] } | undefined)?.links;
  if (!recorded) throw new Error(`${entry.filePath ?? entry.id}: no links were recorded while rendering it; is remark-wikilinks still in the markdown pipeline?`);
  return recorded;
}
