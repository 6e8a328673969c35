import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { conceptUrl, noteUrl } from '../lib/urls.ts';

/** What a wikilink `[[id]]` can point at: a note in content/notes/ or a concept in content/concepts/. */
export interface LinkTarget {
  readonly kind: 'note' | 'concept';
  readonly url: string;
}

/**
 * Every id a wikilink may name, read from the folders (ids are file names without .md/.mdx). Notes and
 * concepts share one namespace so `[[quorum]]` can never mean two pages: an id in both folders stops
 * the build, naming both files.
 */
export function linkTargets(notesDir: string, conceptsDir: string): ReadonlyMap<string, LinkTarget> {
  // Every note asks while it renders; list the folders again only when a file was added, removed or
  // renamed (that changes the folder's mtime), so a build lists them once, not once per note.
  const folders = `${resolve(notesDir)}\0${resolve(conceptsDir)}`;
  const stamp = `${mtime(notesDir)}\0${mtime(conceptsDir)}`;
  let entry = cache.get(folders);
  if (entry?.stamp !== stamp) cache.set(folders, (entry = { stamp, targets: listTargets(notesDir, conceptsDir) }));
  return entry.targets;
}

const cache = new Map<string, { stamp: string; targets: ReadonlyMap<string, LinkTarget> }>();

function mtime(dir: string): number {
  return existsSync(dir) ? statSync(dir).mtimeMs : -1;
}

function listTargets(notesDir: string, conceptsDir: string): Map<string, LinkTarget> {
  const targets = new Map<string, LinkTarget>();
  for (const id of idsIn(notesDir)) targets.set(id, { kind: 'note', url: noteUrl(id) });
  for (const id of idsIn(conceptsDir)) {
    if (targets.has(id)) {
      throw new Error(
        `${join(notesDir, id)}.md and ${join(conceptsDir, id)}.md share the id "${id}", so [[${id}]] would be ambiguous. ` +
          'Rename one of them (notes and concepts share one set of ids).',
      );
    }
    targets.set(id, { kind: 'concept', url: conceptUrl(id) });
  }
  return targets;
}

function idsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'))
    .map((f) => f.replace(/\.mdx?$/, ''));
}
