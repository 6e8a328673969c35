import { readFileSync } from 'node:fs';
import { noteTemplatePath } from '../lib/paths.ts';

/**
 * The free-text values the note template's frontmatter holds (content/templates/note.md: `summary`,
 * `source.venue`, `source.url`, `source.authors`), read from the template itself. A published note that
 * still has one was not filled in; `{{title}}`-style values are replaced by `npm run new` and skipped.
 */
export interface TemplatePlaceholders {
  readonly values: ReadonlyMap<string, string>;
  readonly authors: readonly string[];
}

export function templatePlaceholders(template = readFileSync(noteTemplatePath(), 'utf8')): TemplatePlaceholders {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(template)?.[1] ?? '';
  const values = new Map<string, string>();
  for (const [, key, value] of frontmatter.matchAll(/^\s*([a-z]+): "([^"]*)"/gm)) {
    if (!value!.includes('{{')) values.set(key!, value!);
  }
  const authors = /^\s*authors: (\[.*\])/m.exec(frontmatter)?.[1];
  return { values, authors: authors ? (JSON.parse(authors) as string[]) : [] };
}
