import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { noteSchema } from '../../src/schema/note.ts';

const dir = 'tests/fixtures/frontmatter';
const frontmatterOf = (file: string) => parseFrontmatter(readFileSync(`${dir}/${file}`, 'utf8')).frontmatter;

function issuesOf(file: string): Array<{ path: string; message: string }> {
  const result = noteSchema.safeParse(frontmatterOf(file));
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('note frontmatter schema', () => {
  it.each(readdirSync(dir).filter((f) => f.startsWith('valid-')))('accepts %s', (file) => {
    expect(issuesOf(file)).toEqual([]);
  });

  it('accepts every real note in content/notes', () => {
    for (const file of readdirSync('content/notes')) {
      const result = noteSchema.safeParse(parseFrontmatter(readFileSync(`content/notes/${file}`, 'utf8')).frontmatter);
      expect(result.success ? [] : result.error.issues, file).toEqual([]);
    }
  });

  // Each mistake names the field and says what is expected.
  it.each([
    ['missing-title.md', 'title', /^required: the note's title in quotes/],
    ['missing-summary.md', 'summary', /^required: one or two sentences/],
    ['unknown-tag.md', 'tags.1', /unknown tag "raft-stuff".*Known tags: replication, .*src\/data\/tags\.ts/s],
    ['bad-kind.md', 'kind', /kind must be one of: paper, book, post, system, concept/],
    ['paper-without-source.md', 'source', /a paper note needs a source/],
    ['system-without-source.md', 'source', /a system note needs a source/],
    ['source-without-link.md', 'source.url', /url or a doi/],
    ['bad-doi.md', 'source.doi', /doi must look like 10\.1145/],
    ['bad-url.md', 'source.url', /full URL/],
    ['bad-date.md', 'added', /YYYY-MM-DD/],
    ['unknown-key.md', '', /unrecognized key.*"sumary"/i],
    ['unknown-series.md', 'series.id', /series id must be one of: log-replication/],
    ['zero-series-position.md', 'series.position', /expected number to be >0/i],
    ['duplicate-tag.md', 'tags', /a tag is listed twice/],
    ['no-tags.md', 'tags', /at least one tag/],
    ['bad-snippet-name.md', 'snippets.0', /lowercase words joined by dashes/],
    ['placeholder-url.md', 'source.url', /placeholder url/],
    ['updated-before-added.md', 'updated', /earlier than added/],
    ['template-placeholders.md', 'summary', /^still the note template's placeholder: write one or two sentences/],
    ['template-placeholders.md', 'source.venue', /^still the note template's placeholder: write where the work appeared/],
    ['template-placeholders.md', 'source.authors.1', /^still the note template's placeholder "First Last": list every author/],
  ])('rejects %s at field "%s"', (file, path, message) => {
    const issues = issuesOf(file);
    expect(issues.length, JSON.stringify(issues)).toBeGreaterThan(0);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("lets a draft keep the note template's placeholders while it is written", () => {
    expect(noteSchema.safeParse({ ...frontmatterOf('template-placeholders.md'), draft: true }).success).toBe(true);
  });

  it('defaults snippets and aliases to empty lists and draft to false', () => {
    const note = noteSchema.parse(frontmatterOf('valid-concept.md'));
    expect(note).toMatchObject({ snippets: [], aliases: [], draft: false });
    expect(note.added).toEqual(new Date('2026-11-26'));
  });
});
