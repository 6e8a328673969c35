import { readFileSync } from 'node:fs';
import { minify, transformWithOxc } from 'vite';

/**
 * One TypeScript module of src/scripts/ as browser JavaScript, for a script the page loads by a fixed
 * URL (not through Vite's bundle, whose file names carry hashes): types stripped, minified if asked.
 * It is published as one file without bundling, so it must import nothing; one that does is an error.
 * Used by the link previews (link-previews.ts) and the search panel's setup (search-ui.ts).
 */
export async function compileBrowserScript(path: string, options: { minified: boolean }): Promise<string> {
  return compileBrowserSource(readFileSync(path, 'utf8'), path, options);
}

/** The same for a script's text; `path` names it in errors. Also used for the inline script (UiScript.astro). */
export async function compileBrowserSource(source: string, path: string, options: { minified: boolean }): Promise<string> {
  const { code } = await transformWithOxc(source, path, { lang: 'ts', target: 'es2022' });
  if (/^\s*import\b/m.test(code)) throw new Error(`${path}: imports a module, but it is published as one file without bundling. Inline what it imports.`);
  if (!options.minified) return code;
  const result = await minify(path.replace(/\.ts$/, '.js'), code, { compress: true, mangle: true });
  return result.code;
}
