import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A short hash of everything that shapes rendered notes: our plugin sources and the locked dependency
 * versions (and the note template). Astro caches each note's rendered HTML and only throws the cache away when its config
 * changes, so astro.config.mjs puts this hash in the cache folder's name: edit a plugin and every
 * note is rendered again, instead of a build quietly serving HTML from the old plugin.
 */
export function markdownPipelineDigest(root = '.'): string {
  const hash = createHash('sha256');
  // The note template too: remark-template-prompts.ts rejects what it says.
  const files = [...listFiles(join(root, 'src/plugins')), join(root, 'package-lock.json'), join(root, 'content/templates/note.md')];
  for (const file of files.sort()) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
