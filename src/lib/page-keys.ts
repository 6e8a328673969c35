import { createHash } from 'node:crypto';
import type { Note } from './collection.ts';
import { neighbours } from './link-graph.ts';
import { seriesParts } from './series-order.ts';
import type { SiteGraph } from './site-graph.ts';

/**
 * Cache keys for Astro's incremental builds (experimental.incrementalBuild in astro.config.mjs).
 *
 * A page returned from getStaticPaths with a `cacheKey` is not rendered again when the key, and the
 * code of the page and everything it imports, are the same as in the previous build. So a key must
 * change whenever anything the page shows changes. Each key here is built from
 *  - the entries the page shows something of, each by its fingerprint (file digest, validated data
 *    and what the markdown pipeline recorded), and
 *  - the lists that tie them together (which notes are related, who links here, the series order),
 * so editing one note re-renders that note and the few pages that show it, and nothing else.
 *
 * tests/site/incremental-build.test.ts edits notes in every way that matters and checks that an
 * incremental rebuild writes byte for byte what a cold build writes.
 */

interface Entry {
  id: string;
  digest?: string | number | undefined;
  data: unknown;
  rendered?: { metadata?: unknown } | undefined;
}

const fingerprints = new WeakMap<object, string>();

/** Everything about an entry that a page can show, hashed once per build. */
function entryFingerprint(entry: Entry): string {
  let fingerprint = fingerprints.get(entry);
  if (!fingerprint) {
    fingerprint = hash([entry.id, String(entry.digest ?? ''), JSON.stringify(entry.data), JSON.stringify(entry.rendered?.metadata ?? null)]);
    fingerprints.set(entry, fingerprint);
  }
  return fingerprint;
}

/**
 * A note's page: the note, its links both ways (backlinks, concepts, the neighbourhood map), related
 * notes and its place in its series. Of the other parts of a series the page shows only the order
 * ("part 3 of 7") and the titles of the previous and next part, so only those two are fingerprinted:
 * editing a part re-renders its neighbours, not the whole series.
 */
export function notePageKey(site: SiteGraph, note: Note): string {
  const related = site.related.get(note.id) ?? [];
  const series = note.data.series ? seriesParts(site.notes, note.data.series.id).map((n) => n.id) : [];
  const at = series.indexOf(note.id);
  const seriesNeighbours = at < 0 ? [] : [series[at - 1], series[at + 1]].filter((id) => id !== undefined);
  return linkedPageKey(site, note, [related, series], [...related, ...seriesNeighbours]);
}

/** A concept's page: the concept and its links both ways ("used by", see also, the neighbourhood map). */
export function conceptPageKey(site: SiteGraph, concept: Entry): string {
  return linkedPageKey(site, concept, [], []);
}

/** A page listing notes (a tag, a series): the notes in the order shown. */
export function noteListKey(notes: readonly Entry[]): string {
  return hash(notes.map(entryFingerprint));
}

/** `lists`: orders of ids the page shows; `alsoShown`: entries besides its links that it shows something of. */
function linkedPageKey(site: SiteGraph, self: Entry, lists: string[][], alsoShown: readonly string[]): string {
  const { graph } = site;
  const { linksTo, linkedFrom } = neighbours(graph, self.id);
  const backlinks = (graph.incoming.get(self.id) ?? []).map((l) => `${l.from}:${l.before}|${l.text}|${l.after}`);
  const shown = new Set([...linksTo, ...linkedFrom, ...alsoShown]);
  shown.delete(self.id);
  return hash([
    entryFingerprint(self),
    JSON.stringify({ linksTo, linkedFrom, backlinks, lists }),
    ...[...shown].sort().map((id) => `${id}=${fingerprintOf(site, id)}`),
  ]);
}

function fingerprintOf(site: SiteGraph, id: string): string {
  const page = site.graph.pages.get(id);
  if (!page) throw new Error(`page-keys: "${id}" is shown on a page but is neither a note nor a concept`);
  return entryFingerprint(page.entry);
}

function hash(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(part).update('\0');
  return h.digest('base64url');
}
