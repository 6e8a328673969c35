import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { regionNames } from '../../src/plugins/snippet-regions.ts';
import type { SnippetRegion } from './generate-notes.ts';

/**
 * Every `// #region name` in the runnable models of snippets/ (folders with a demo.ts, the ones a
 * note lists in `snippets:` and offers to run), so generated notes embed regions that exist today.
 */
export function findRegions(snippetsDir: string): SnippetRegion[] {
  const out: SnippetRegion[] = [];
  const models = readdirSync(snippetsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[a-z0-9-]+$/.test(e.name) && existsSync(join(snippetsDir, e.name, 'demo.ts')))
    .map((e) => e.name)
    .sort();
  for (const model of models) {
    for (const file of listTs(join(snippetsDir, model)).sort()) {
      const path = relative(snippetsDir, file).split(sep).join('/');
      for (const region of regionNames(readFileSync(file, 'utf8'))) out.push({ file: path, region, model });
    }
  }
  return out;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTs(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}
