import { markdownPipelineDigest } from '../plugins/pipeline-digest.ts';

let digest: string | undefined;

/**
 * Astro's cache folder (astro.config.mjs `cacheDir`), where rendered notes, incremental-build copies
 * and our own build caches live. Tests that build fixture notes set PAPERLOG_CACHE_DIR to a folder of
 * their own; otherwise its name carries the markdown pipeline's digest (pipeline-digest.ts).
 */
export function cacheDirectory(): string {
  return process.env.PAPERLOG_CACHE_DIR ?? `./node_modules/.astro/${(digest ??= markdownPipelineDigest())}`;
}
