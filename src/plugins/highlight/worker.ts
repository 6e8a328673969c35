import { createCodeHighlighter, type HighlightRequest } from './highlight-code.ts';
import { serveJobs } from '../worker-pool.ts';

/** A highlighting worker (pool.ts): a request in, the highlighted block's HTML out. */
serveJobs<HighlightRequest, string>(createCodeHighlighter());
