import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import { leftoverPrompts, templatePrompts } from '../../src/plugins/template-prompts.ts';
import remarkTemplatePrompts from '../../src/plugins/remark-template-prompts.ts';

const template = readFileSync('content/templates/note.md', 'utf8');
const prompts = templatePrompts(template);
const leftovers = (markdown: string) => leftoverPrompts(unified().use(remarkParse).parse(markdown), markdown, prompts);

/** What `npm run new` writes (scripts/new-note.ts), without its frontmatter. */
const scaffold = template.replace(/^---\n[\s\S]*?\n---\n/, '');

describe("the note template's prompts", () => {
  it('are read from the template: its prose sentences and its example diagram', () => {
    expect(prompts.sentences).toContain('Two or three sentences: the situation the system is for, and what goes wrong without it.');
    expect(prompts.sentences).toContain('What the design gives up; what later work changed.');
    expect(prompts.sentences).toContain('The source itself, and the post this topic came from.');
    expect(prompts.examples).toEqual([expect.objectContaining({ lang: 'mermaid', value: expect.stringContaining('C->>S: Request') })]);
  });

  it('are all found in an untouched scaffold, once per paragraph, each at its line', () => {
    const found = leftovers(scaffold);
    const lines = scaffold.split('\n');
    const reported = found.map(({ node }) => scaffold.slice(node.position!.start.offset, node.position!.end.offset).replace(/\s+/g, ' '));
    for (const sentence of prompts.sentences) expect(reported.some((text) => text.includes(sentence)), sentence).toBe(true);
    expect(new Set(found.map(({ node }) => node)).size).toBe(found.length);
    for (const { line, prompt } of found) {
      const start = prompt.startsWith('the example') ? '```mermaid' : prompt.split(' ').slice(0, 3).join(' ');
      expect(lines[line - 1], prompt).toContain(start);
    }
  });

  it('are found when kept beside the note\'s own words, or reflowed over lines', () => {
    const note = '## The idea\n\nOur own sentence first. The one insight the rest of the\nnote hangs on.\n';
    expect(leftovers(note)).toEqual([expect.objectContaining({ line: 3, prompt: 'The one insight the rest of the note hangs on.' })]);
  });

  it('leave a written note alone, even one that shares the headings and a short phrase', () => {
    const note = '## The problem\n\nReplicas disagree after a partition. The idea is a quorum.\n\n```mermaid\nsequenceDiagram\n  C->>S: Put\n```\n';
    expect(leftovers(note)).toEqual([]);
  });
});

describe('remark-template-prompts', () => {
  const run = (markdown: string, frontmatter: Record<string, unknown>) => {
    const file = new VFile({ value: markdown, path: '/notes/fresh.md', data: { astro: { frontmatter } } });
    const processor = unified().use(remarkParse).use(remarkTemplatePrompts);
    return () => processor.runSync(processor.parse(file), file);
  };

  it('stops a published note, naming the file, the line of each prompt and what to do', () => {
    const line = scaffold.split('\n').findIndex((text) => text.startsWith('Two or three sentences')) + 1;
    expect(run(scaffold, {})).toThrow(`/notes/fresh.md:${line}: ${leftovers(scaffold).length} prompts of the note template (content/templates/note.md) are still in this published note`);
    expect(run(scaffold, {})).toThrow(`  /notes/fresh.md:${line}: "Two or three sentences: the situation`);
    expect(run(scaffold, {})).toThrow(/or keep `draft: true` in the frontmatter until it is written/);
  });

  it('lets a draft keep them while it is written', () => {
    expect(run(scaffold, { draft: true })).not.toThrow();
  });
});
