import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { lineInFile } from '../../src/plugins/source-line.ts';

/** A note on disk, and the body Astro hands the plugins: after the frontmatter, trimmed. */
function note(text: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'paperlog-source-line-')), 'note.md');
  writeFileSync(path, text);
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '').trim();
  return { file: new VFile({ path, value: body }), bodyLineOf: (line: string) => body.split('\n').indexOf(line) + 1, fileLineOf: (line: string) => text.split('\n').indexOf(line) + 1 };
}

describe('lineInFile: the line an error names is the line in the editor', () => {
  it.each([
    ['a body right after the frontmatter', '---\ntitle: "T"\n---\nIntro.\n\nThe bad line.\n'],
    ['a blank line after the frontmatter, as in every note', '---\ntitle: "T"\n---\n\nIntro.\n\nThe bad line.\n'],
    ['several blank lines', '---\ntitle: "T"\nkind: paper\n---\n\n\n\n## Heading\n\nThe bad line.\n'],
  ])('%s', (_, text) => {
    const { file, bodyLineOf, fileLineOf } = note(text);
    expect(lineInFile(file, bodyLineOf('The bad line.'))).toBe(fileLineOf('The bad line.'));
  });
});
