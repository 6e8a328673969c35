import { compileBrowserSource } from '../integrations/browser-script.ts';

const compiled = new Map<string, Promise<string>>();

/**
 * A script of src/scripts/ (its text, from a `?raw` import) as minified JavaScript to inline in a page:
 * compiled once per build (and again in `npm run dev` when its text changes), however many pages carry it. Minifying the inline script takes about 200 B
 * gzip off every page (docs/performance.md).
 */
export function inlineScript(source: string, path: string): Promise<string> {
  let code = compiled.get(source);
  if (!code) {
    code = compileBrowserSource(source, path, { minified: true }).then((js) => js.trim());
    compiled.set(source, code);
  }
  return code;
}
