import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildFixtureSite } from '../support/build-fixture-site.ts';

/**
 * Incremental builds (astro.config.mjs, src/lib/page-keys.ts) copy every page whose cache key did not
 * change from the previous build. A key that misses something a page shows would publish a stale
 * page, and nothing else would notice. So: build a notebook, change it in every way that reaches
 * other pages, rebuild with the same cache, and demand exactly the files a cold build of the changed
 * notebook writes, while most pages were still copied rather than rendered.
 */
const root = mkdtempSync(join(tmpdir(), 'paperlog-incremental-'));
const notesDir = join(root, 'notes');
const conceptsDir = join(root, 'concepts');
const incremental = join(root, 'incremental');
const cold = join(root, 'cold');

/**
 * A small notebook with few links, so that each edit below reaches its witness page through one path
 * only (a denser one re-renders nearly everything and would hide a key that misses a path). Related
 * notes (src/lib/related.ts) keep the best 3: a link counts 3, a shared tag 1, ties go to newer notes.
 */
interface Sketch { title: string; tags: string[]; added: string; body: string; series?: string; source?: { title: string; year: number }; draft?: boolean }
const notebook: Record<string, Sketch> = {
  // hub is linked from four notes; l4 is the weakest (no shared tag, oldest), so it is not among
  // hub's related notes and reaches hub's page only as a backlink.
  hub: { title: 'Hub', tags: ['storage'], added: '2026-01-10', body: 'The hub note.', source: { title: 'Hubs and spokes', year: 2001 } },
  l1: { title: 'Linker one', tags: ['storage'], added: '2026-01-09', body: 'See [[hub]] for the basics.' },
  l2: { title: 'Linker two', tags: ['storage'], added: '2026-01-08', body: 'See [[hub]] for more.' },
  l3: { title: 'Linker three', tags: ['storage'], added: '2026-01-07', body: 'See [[hub]] again.' },
  l4: { title: 'Linker four', tags: ['security'], added: '2026-01-01', body: 'As [[hub]] explains, keys rotate.' },
  // watcher's only relation to quiet is a shared tag: quiet's title reaches it as a related note.
  watcher: { title: 'Watcher', tags: ['networking'], added: '2026-02-01', body: 'A note about networks.' },
  // quiet cites a work whose year is corrected in the edit: its /notes/quiet.bib changes.
  quiet: { title: 'Quiet', tags: ['networking'], added: '2026-02-02', body: 'Another note about networks.', source: { title: 'Quiet networks', year: 2019 } },
  // mover has nothing in common with lonely until its tags change.
  lonely: { title: 'Lonely', tags: ['consensus'], added: '2026-03-01', body: 'A note about agreement.' },
  mover: { title: 'Mover', tags: ['messaging'], added: '2026-03-02', body: 'A note about queues.' },
  // user shows the concept's title in its concept list; user2's sentence shows on the concept page.
  user: { title: 'User', tags: ['architecture'], added: '2026-04-01', body: 'It relies on the [[titled-concept]].' },
  user2: { title: 'Second user', tags: ['recovery'], added: '2026-04-02', body: 'Recovery needs the [[used-concept]] first.' },
  // gone is deleted; the note linking to it drops the link.
  gone: { title: 'Gone', tags: ['streaming'], added: '2026-05-01', body: 'Soon deleted.', source: { title: 'Gone streams', year: 2015 } },
  // a draft is never published, its citation neither.
  sketchy: { title: 'Sketchy', tags: ['streaming'], added: '2026-05-03', body: 'Not ready.', source: { title: 'Sketchy streams', year: 2016 }, draft: true },
  'links-gone': { title: 'Links to gone', tags: ['logs'], added: '2026-05-02', body: 'Read [[gone]] first.' },
  // a reading path whose length shows on every part ("part 1 of 2" becomes "part 1 of 3"); s1's
  // three links outrank its series neighbours among its related notes, so only the series reaches it.
  s1: { title: 'Series part one', tags: ['membership'], added: '2026-06-01', body: 'Part one; see [[l1]], [[l2]] and [[l3]].', series: 'log-replication' },
  s2: { title: 'Series part two', tags: ['partitioning'], added: '2026-06-02', body: 'Part two.', series: 'log-replication' },
  // a part shows the titles of the parts before and after it, and nothing else of the others: c1's
  // new title reaches c2, not c3. Their links outrank c1 among their related notes.
  c1: { title: 'Path part one', tags: ['crdts'], added: '2026-07-01', body: 'The first part.', series: 'consistency' },
  c2: { title: 'Path part two', tags: ['anti-entropy'], added: '2026-07-02', body: 'Part two; see [[l1]], [[l2]] and [[l3]].', series: 'consistency' },
  c3: { title: 'Path part three', tags: ['vector-clocks'], added: '2026-07-03', body: 'Part three; see [[l1]], [[l2]] and [[l3]].', series: 'consistency' },
};

function noteText(id: string, note: Sketch): string {
  const position = note.series ? `series: { id: ${note.series}, position: ${Number(id.slice(1))} }\n` : '';
  const source = note.source ? `source: { title: "${note.source.title}", authors: ["Ada Lovelace"], year: ${note.source.year}, url: "https://paperlog.test/${id}" }\n` : '';
  const draft = note.draft ? 'draft: true\n' : '';
  return (
    `---\ntitle: "${note.title}"\nsummary: "A fixture note for incremental builds, called ${note.title}."\nkind: concept\n` +
    `tags: [${note.tags.join(', ')}]\nadded: ${note.added}\n${position}${source}${draft}---\n\n${note.body}\n`
  );
}
const conceptText = (title: string, body: string) =>
  `---\ntitle: "${title}"\nsummary: "A fixture concept for incremental builds, called ${title}."\n---\n\n${body}\n`;

const writeNote = (id: string, note: Sketch) => writeFileSync(join(notesDir, `${id}.md`), noteText(id, note));
const edit = (id: string, change: Partial<Sketch>) => writeNote(id, { ...notebook[id]!, ...change });

let incrementalLog = '';

function build(scratch: string): string {
  const result = buildFixtureSite(notesDir, 'build', { conceptsDir, scratch });
  if (result.status !== 0) throw new Error(result.output);
  return result.output;
}

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/**
 * Astro logs "├─ /path" when a page starts and its time when it ends; a copied page gets "(restored)"
 * right after its path. Pages render four at a time (build.concurrency), so a rendered page's line
 * may run into the next one's timestamp: "├─ /a.html15:19:33   ├─ /b.html (+12ms)".
 */
const renderedPages = () =>
  [...incrementalLog.matchAll(/[├└]─ (\/\S*?)(?=\d\d:\d\d:\d\d|\s|$)( \((?:restored|cached)\))?/g)]
    .filter(([, , copied]) => copied === undefined)
    .map(([, path]) => path!);

beforeAll(() => {
  mkdirSync(notesDir, { recursive: true });
  mkdirSync(conceptsDir, { recursive: true });
  for (const [id, note] of Object.entries(notebook)) writeNote(id, note);
  writeFileSync(join(conceptsDir, 'titled-concept.md'), conceptText('Titled concept', 'A concept whose name changes.'));
  writeFileSync(join(conceptsDir, 'used-concept.md'), conceptText('Used concept', 'A concept used by one note.'));
  build(incremental);

  edit('l4', { body: 'As [[hub]] explains in detail, keys rotate.' });
  edit('quiet', { title: 'Quiet, retitled', source: { title: 'Quiet networks', year: 2020 } });
  edit('mover', { tags: ['consensus'], source: { title: 'Moving queues', year: 2024 } });
  writeFileSync(join(conceptsDir, 'titled-concept.md'), conceptText('Renamed concept', 'A concept whose name changes.'));
  edit('user2', { body: 'Recovery always needs the [[used-concept]] first.' });
  unlinkSync(join(notesDir, 'gone.md'));
  edit('links-gone', { body: 'Read nothing first.' });
  writeNote('s3', { title: 'Series part three', tags: ['recovery'], added: '2026-06-03', body: 'Part three.', series: 'log-replication' });
  edit('c1', { title: 'Path part one, retitled' });

  incrementalLog = build(incremental);
  build(cold);
}, 600_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an incremental rebuild after edits', () => {
  it('writes exactly the files a cold build of the same notes writes', () => {
    const expected = files(join(cold, 'dist'));
    const actual = files(join(incremental, 'dist'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    const differing = [...expected].filter(([path, bytes]) => !actual.get(path)?.equals(bytes)).map(([path]) => path);
    expect(differing).toEqual([]);
  });

  it('publishes the BibTeX of each published note with a source, up to date, and none for drafts or deleted notes', () => {
    const dist = join(incremental, 'dist', 'notes');
    expect(readdirSync(dist).filter((name) => name.endsWith('.bib')).sort()).toEqual(['hub.bib', 'mover.bib', 'quiet.bib']);
    expect(readFileSync(join(dist, 'quiet.bib'), 'utf8')).toMatch(/year = \{2020\}/);
  });

  it('publishes the link preview of each published note and concept, up to date, and none for drafts or deleted notes', () => {
    const previews = join(incremental, 'dist', 'previews');
    const published = [...Object.keys(notebook).filter((id) => id !== 'gone' && !notebook[id]!.draft), 's3'];
    expect(readdirSync(join(previews, 'notes')).sort()).toEqual(published.map((id) => `${id}.json`).sort());
    const preview = (path: string) => JSON.parse(readFileSync(join(previews, path), 'utf8')) as { title: string; lead: string };
    expect(preview('notes/quiet.json').title).toBe('Quiet, retitled');
    expect(preview('notes/l4.json').lead).toBe('As hub explains in detail, keys rotate.');
    expect(preview('concepts/titled-concept.json').title).toBe('Renamed concept');
  });

  it('renders again each page an edit reaches, and copies the pages no edit reaches', () => {
    const rendered = renderedPages();
    for (const witness of ['hub', 'watcher', 'lonely', 'user', 'links-gone', 's1', 's2', 'c2']) expect(rendered).toContain(`/notes/${witness}/index.html`);
    expect(rendered).toContain('/concepts/used-concept/index.html');
    for (const untouched of ['l1', 'l2', 'l3', 'c3']) expect(rendered).not.toContain(`/notes/${untouched}/index.html`);
  });

  it('starts its render workers while Astro starts up, before the content sync sends the first note', () => {
    // src/integrations/render-workers.ts: the one note to render does not wait for a worker to load.
    const started = incrementalLog.search(/\[paperlog:render-workers\] \d+ of \d+ render worker\(s\) started ahead of the content sync/);
    expect(started).toBeGreaterThanOrEqual(0);
    expect(started).toBeLessThan(incrementalLog.indexOf('Syncing content'));
  });
});
