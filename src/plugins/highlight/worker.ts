import type { Element } from 'hast';
import { createCodeHighlighter, type HighlightRequest } from './highlight-code.ts';
import { serveJobs } from '../worker-pool.ts';

/** A highlighting worker (pool.ts): a request in, the highlighted block as a hast element out. */
serveJobs<HighlightRequest, Element>(createCodeHighlighter());
