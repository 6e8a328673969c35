import type { AstroIntegration } from 'astro';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

/**
 * The build hooks of an integration that puts files into the built site: the work starts as Astro
 * begins bundling (`astro:build:setup`, when the output folder has been emptied), runs on libuv's
 * threads while the main thread bundles and generates pages, and the build waits for it at the end
 * (`astro:build:done`). Started once, however often the hooks run. Used by bibtex-files.ts and
 * link-previews.ts.
 */
export function publishDuringBuild(work: () => Promise<unknown>): Pick<Required<AstroIntegration['hooks']>, 'astro:build:setup' | 'astro:build:done'> {
  let running: Promise<void> | undefined;
  const publish = () => {
    if (!running) {
      running = work().then(() => undefined);
      // Awaited in astro:build:done, where a failure stops the build; not an unhandled rejection before then.
      running.catch(() => {});
    }
    return running;
  };
  return {
    'astro:build:setup': () => {
      void publish();
    },
    'astro:build:done': () => publish(),
  };
}

/**
 * Copies every file of `from` (and its subfolders) whose name ends in `extension` to `to(id)`, where
 * `id` is its path inside `from` with '/' and without the extension (`notes/dynamo`); a missing folder
 * copies nothing.
 */
export async function copyFiles(from: string, extension: string, to: (id: string) => string): Promise<void> {
  if (!existsSync(from)) return;
  const ids = readdirSync(from, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => name.slice(0, -extension.length).split(sep).join('/'));
  for (const folder of new Set(ids.map((id) => dirname(to(id))))) await mkdir(folder, { recursive: true });
  await Promise.all(ids.map((id) => copyFile(join(from, `${id}${extension}`), to(id))));
}
