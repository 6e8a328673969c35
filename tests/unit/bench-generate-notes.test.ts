import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { noteSchema } from '../../src/schema/note.ts';
import { extractRegion } from '../../src/plugins/snippet-regions.ts';
import { DIAGRAM_EVERY, generateNotes, noteId, SNIPPET_SKIP_EVERY, type SnippetRegion } from '../../scripts/bench/generate-notes.ts';
import { findRegions } from '../../scripts/bench/find-regions.ts';
import { editFirstSentence, EDITED_SENTENCE } from '../../scripts/bench/edit-note.ts';

const regions: SnippetRegion[] = [
  { file: 'quorums/register.ts', region: 'read-path', model: 'quorums' },
  { file: 'dynamo/ring.ts', region: 'preference-list', model: 'dynamo' },
];
const notes = generateNotes({ count: 200, regions });
const WIKILINK = /\[\[([^[\]|]+?)(?:\|([^[\]]+?))?\]\]/g;

describe('benchmark note generator', () => {
  it('is deterministic: the same seed writes the same notes, another seed others', () => {
    expect(generateNotes({ count: 200, regions }).map((n) => n.text)).toEqual(notes.map((n) => n.text));
    expect(generateNotes({ count: 200, regions, seed: 7 })[0]!.text).not.toBe(notes[0]!.text);
  });

  it('names notes note-0001 … with at least four digits', () => {
    expect(notes.map((n) => n.id).slice(0, 2)).toEqual(['note-0001', 'note-0002']);
    expect(notes.at(-1)!.fileName).toBe('note-0200.md');
    expect(noteId(7, 12_000)).toBe('note-00007');
  });

  it('writes frontmatter that passes the note schema, for every note', () => {
    for (const note of notes) {
      const result = noteSchema.safeParse(parseFrontmatter(note.text).frontmatter);
      expect(result.success ? [] : result.error.issues, note.id).toEqual([]);
    }
  });

  it('uses every frontmatter field a real note may carry, and every kind', () => {
    const parsed = notes.map((n) => noteSchema.parse(parseFrontmatter(n.text).frontmatter));
    expect(new Set(parsed.map((p) => p.kind))).toEqual(new Set(['paper', 'book', 'post', 'system', 'concept']));
    expect(parsed.some((p) => p.source?.url && p.source.doi && p.source.venue && p.source.publisher)).toBe(true);
    expect(parsed.some((p) => p.series)).toBe(true);
    expect(parsed.some((p) => p.aliases.length > 0)).toBe(true);
    expect(parsed.some((p) => p.updated)).toBe(true);
    expect(parsed.some((p) => p.tags.length > 1)).toBe(true);
    expect(parsed.every((p) => !p.draft)).toBe(true);
  });

  it('never gives two notes the same position in a series', () => {
    const seen = new Set<string>();
    for (const note of notes) {
      const series = noteSchema.parse(parseFrontmatter(note.text).frontmatter).series;
      if (!series) continue;
      const key = `${series.id}:${series.position}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('links only to other generated notes, with wikilinks and an ordinary link', () => {
    const ids = new Set(notes.map((n) => n.id));
    for (const note of notes) {
      const targets = [...note.text.matchAll(WIKILINK)].map((m) => m[1]!);
      expect(targets.length, note.id).toBeGreaterThanOrEqual(3);
      for (const target of [...targets, ...note.links]) {
        expect(ids.has(target), target).toBe(true);
        expect(target).not.toBe(note.id);
      }
      expect(note.text).toMatch(/\[note \d+\]\(\/notes\/note-\d+\/\)/);
    }
  });

  it('has about 800 words of prose, two code fences with a title, line highlights and notation marks', () => {
    for (const note of notes) {
      expect(note.words, note.id).toBeGreaterThanOrEqual(780);
      expect(note.words, note.id).toBeLessThan(1000);
      expect(note.text).toMatch(/^```ts title="[\w-]+\.ts" \{3-5,9\}$/m);
      expect(note.text).toContain('// [!code highlight]');
      expect(note.text).toContain('// [!code ++]');
      expect(note.text.match(/^## /gm)!.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('embeds a model region in most notes and lists the model in `snippets`', () => {
    const embedding = notes.filter((n) => n.snippet);
    expect(embedding.length).toBe(notes.length - notes.length / SNIPPET_SKIP_EVERY);
    for (const note of embedding) {
      expect(note.text).toContain(`\`\`\`ts snippet="${note.snippet!.file}#${note.snippet!.region}"`);
      expect(noteSchema.parse(parseFrontmatter(note.text).frontmatter).snippets).toEqual([note.snippet!.model]);
    }
    expect(generateNotes({ count: 5, regions: [] }).every((n) => !n.snippet && !n.text.includes('snippet='))).toBe(true);
  });

  it('draws a Mermaid flowchart or sequence diagram on one note in ten', () => {
    const withDiagram = notes.filter((n) => n.diagram);
    expect(withDiagram.length).toBe(notes.length / DIAGRAM_EVERY);
    expect(new Set(withDiagram.map((n) => n.diagram))).toEqual(new Set(['flowchart', 'sequence']));
    for (const note of withDiagram) expect(note.text).toMatch(note.diagram === 'flowchart' ? /```mermaid.*\nflowchart LR\n/ : /```mermaid.*\nsequenceDiagram\n/);
    for (const note of notes.filter((n) => !n.diagram)) expect(note.text).not.toContain('```mermaid');
  });

  it('finds regions that exist in the real models', () => {
    const real = findRegions('snippets');
    expect(real.length).toBeGreaterThan(0);
    expect(real).toContainEqual({ file: 'quorums/register.ts', region: 'read-path', model: 'quorums' });
    for (const { file, region } of real) expect(extractRegion(readFileSync(`snippets/${file}`, 'utf8'), region), `${file}#${region}`).toBeDefined();
  });
});

describe('editing one sentence for the rebuild', () => {
  it('replaces the first sentence of the first paragraph and nothing else', () => {
    const before = notes[0]!.text;
    const after = editFirstSentence(before);
    expect(after).not.toBe(before);
    expect(after.split(EDITED_SENTENCE).length).toBe(2);
    expect(parseFrontmatter(after).frontmatter).toEqual(parseFrontmatter(before).frontmatter);
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(new RegExp(`^${EDITED_SENTENCE.replace(/\./g, '\\.')} \\S`));
  });

  it('works on notes written by Starlight\'s generator, and refuses a note without prose', () => {
    const starlight = '---\ntitle: "T"\ndescription: "D"\n---\n\nFirst sentence here. Second one.\n\n## Heading\n';
    expect(editFirstSentence(starlight)).toContain(`\n${EDITED_SENTENCE} Second one.\n`);
    expect(() => editFirstSentence('---\ntitle: x\n---\n\n## Only a heading\n')).toThrow(/no prose/);
  });
});
