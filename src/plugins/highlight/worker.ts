import { parentPort } from 'node:worker_threads';
import { createCodeHighlighter, type HighlightRequest } from './highlight-code.ts';

/** A highlighting worker: requests in, a hast element (or an error message) out, matched by id. */
const highlight = createCodeHighlighter();
parentPort!.on('message', async ({ id, request }: { id: number; request: HighlightRequest }) => {
  try {
    parentPort!.postMessage({ id, block: await highlight(request) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
