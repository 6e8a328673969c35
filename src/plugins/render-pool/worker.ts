import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { markdownProcessor } from '../markdown-pipeline.ts';
import type { RenderJob, RenderReply, RendererOptions } from './pool.ts';

/**
 * A rendering worker: the same processor astro.config.mjs gives Astro (markdown-pipeline.ts), built
 * with the options Astro would pass it, rendering one note per message.
 */
const renderer = await markdownProcessor().createRenderer((workerData as { options: RendererOptions }).options);

parentPort!.on('message', async ({ id, body, frontmatter, filePath }: RenderJob) => {
  let reply: RenderReply;
  try {
    const result = await renderer.render(body, filePath ? { frontmatter, fileURL: pathToFileURL(filePath) } : { frontmatter });
    const { localImagePaths, remoteImagePaths } = result.metadata;
    // The shape Astro's own Markdown entry type returns (astro/dist/vite-plugin-markdown/content-entry-type.js).
    reply = { id, rendered: { html: result.code, metadata: { ...result.metadata, imagePaths: [...localImagePaths, ...remoteImagePaths] } } };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
