import { workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { markdownProcessor } from '../markdown-pipeline.ts';
import { serveJobs } from '../worker-pool.ts';
import { warmUpHighlighting } from '../highlight/pool.ts';
import type { RenderJob, RenderedNote, RendererOptions } from './pool.ts';

/**
 * A rendering worker (pool.ts): the same processor astro.config.mjs gives Astro (markdown-pipeline.ts),
 * built with the options Astro would pass it, rendering one note per job.
 */
const renderer = await markdownProcessor().createRenderer((workerData as { options: RendererOptions }).options);
// Workers start before the first note is sent (pool.ts): spend that wait on Shiki's start-up.
await warmUpHighlighting();

serveJobs<RenderJob, RenderedNote>(async ({ body, frontmatter, filePath }) => {
  const result = await renderer.render(body, filePath ? { frontmatter, fileURL: pathToFileURL(filePath) } : { frontmatter });
  const { localImagePaths, remoteImagePaths } = result.metadata;
  // The shape Astro's own Markdown entry type returns (astro/dist/vite-plugin-markdown/content-entry-type.js).
  return { html: result.code, metadata: { ...result.metadata, imagePaths: [...localImagePaths, ...remoteImagePaths] } };
});
