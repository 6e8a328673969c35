import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildFixtureSite } from '../support/build-fixture-site.ts';

/**
 * Bad notes must stop the build with a message naming the file, the field or line, and what to do.
 * Each case builds a folder of fixture notes (tests/fixtures/build-errors/<case>/) into a throwaway
 * output folder, with its own cache, so the real site's build is untouched.
 */
function build(fixture: string, command: 'sync' | 'build') {
  const { dist, ...result } = buildFixtureSite(`tests/fixtures/build-errors/${fixture}`, command);
  rmSync(dirname(dist), { recursive: true, force: true });
  return result;
}

/** How often a message appears in the output: a build error is printed once, not once per layer it passes. */
const times = (output: string, text: string) => output.split(text).length - 1;

describe('the build stops on bad notes', () => {
  it('an unknown tag: names the file, the field, the known tags and where to add one', () => {
    const { status, output } = build('unknown-tag', 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('unknown-tag/quorum.md');
    expect(output).toMatch(/tags\.1.*unknown tag "raft-stuff"\. Known tags: replication, consensus/);
    expect(output).toContain('src/data/tags.ts');
  });

  it('a missing required field: names the file and the field', () => {
    const { status, output } = build('missing-summary', 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('missing-summary/quorum.md');
    expect(output).toMatch(/summary: required: one or two sentences saying what the reader will learn/);
  });

  it('a diagram that does not parse: names the file and line, never publishes a blank page', () => {
    const { status, output } = build('broken-diagram', 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('broken-diagram/broken-diagram.md:10 does not parse');
    expect(output).toContain('Parse error on line 2');
    expect(times(output, 'broken-diagram.md:10 does not parse')).toBe(1);
  });

  it("a published note with the template's prompts left in: names the file, the line, and what to do, once", () => {
    const { status, output } = build('leftover-template-prompt', 'build');
    expect(status).not.toBe(0);
    expect(output).toContain('leftover-template-prompt/fresh-note.md:15: a prompt of the note template (content/templates/note.md) is still in this published note');
    expect(output).toContain('fresh-note.md:15: "The one insight the rest of the note hangs on."');
    expect(output).toContain("Write the note's own text in place of each");
    expect(times(output, 'is still in this published note')).toBe(1);
  });

  it('two notes at the same series position: names both and the series', () => {
    const { status, output } = build('duplicate-series-position', 'build');
    expect(status).not.toBe(0);
    expect(output).toMatch(/Notes "(first|second)" and "(first|second)" both claim position 2 in series "consistency"/);
  });

  it('a snippet that does not exist: names the file, the snippet and how to list real ones', () => {
    const { status, output } = build('missing-snippet', 'build');
    expect(status).not.toBe(0);
    expect(output).toMatch(/missing-snippet\/quorum\.md: frontmatter field "snippets" names "no-such-model", but there is no snippets\/no-such-model\/ folder/);
    expect(times(output, 'but there is no snippets/no-such-model/ folder')).toBe(1);
  });
});
