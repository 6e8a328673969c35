import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from '@retorquere/bibtex-parser';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { noteSchema } from '../../src/schema/note.ts';
import { citationKey, toBibtex } from '../../src/lib/bibtex.ts';

const notes = readdirSync('content/notes').map((file) => ({
  file,
  data: noteSchema.parse(parseFrontmatter(readFileSync(`content/notes/${file}`, 'utf8')).frontmatter),
}));

describe('BibTeX for a note’s source', () => {
  it.each(notes.filter((n) => n.data.source))('$file: parses in a reference manager’s parser, with every field intact', ({ data }) => {
    const source = data.source!;
    const { entries, errors } = parse(toBibtex(data.kind, source), { sentenceCase: false });
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry.key).toBe(citationKey(source));
    expect((entry.fields['author'] as unknown[]).length).toBe(source.authors.length);
    expect(entry.fields['title']).toBe(source.title);
    expect(entry.fields['year']).toBe(String(source.year));
    if (source.doi) expect(entry.fields['doi']).toBe(source.doi);
  });

  it('a conference paper is @inproceedings with its venue as booktitle, keyed lastname+year+word', () => {
    const bib = toBibtex('paper', { title: 'Dynamo: Amazon’s Highly Available Key-value Store', authors: ['Giuseppe DeCandia', 'Werner Vogels'], year: 2007, venue: 'SOSP 2007', doi: '10.1145/1294261.1294281' });
    expect(bib).toMatch(/^@inproceedings\{decandia2007dynamo,\n/);
    expect(bib).toContain('  booktitle = {SOSP 2007}');
    expect(bib).toContain('  title = {{Dynamo: Amazon’s Highly Available Key-value Store}}');
  });

  it('a technical report is @techreport with its institution', () => {
    const bib = toBibtex('paper', { title: 'Viewstamped Replication Revisited', authors: ['Barbara Liskov', 'James Cowling'], year: 2012, venue: 'MIT CSAIL Technical Report MIT-CSAIL-TR-2012-021', url: 'https://hdl.handle.net/1721.1/71763' });
    expect(bib).toMatch(/^@techreport\{liskov2012viewstamped,/);
    expect(bib).toContain('  institution = {MIT CSAIL Technical Report MIT-CSAIL-TR-2012-021}');
  });

  it('books and posts get @book and @online', () => {
    expect(toBibtex('book', { title: 'Software Architecture: The Hard Parts', authors: ['Neal Ford'], year: 2021, url: 'https://example.org/b' })).toMatch(/^@book\{ford2021software,/);
    expect(toBibtex('post', { title: 'An Introduction to Virtual Consensus in Delos', authors: ['Jack Vanlightly'], year: 2025, url: 'https://example.org/p' })).toMatch(/^@online\{vanlightly2025introduction,/);
  });

  it('escapes the characters BibTeX treats specially', () => {
    const bib = toBibtex('paper', { title: 'R&D at 100% with $5 and #tags_x', authors: ['A B'], year: 2020, url: 'https://example.org/x' });
    expect(bib).toContain('{{R\\&D at 100\\% with \\$5 and \\#tags\\_x}}');
    expect(parse(bib).errors).toEqual([]);
  });
});
