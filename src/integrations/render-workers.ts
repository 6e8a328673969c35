import type { AstroIntegration } from 'astro';
import { startRenderWorkers } from '../plugins/render-pool/pool.ts';

/**
 * In `astro build`, starts the workers that render the notes (src/plugins/render-pool/) as soon as the
 * config is final, about a second before the content sync sends them the first note, so that they
 * load the Markdown pipeline while Astro is still starting up. In a rebuild after one edit that load
 * was on the critical path: start-up and sync took 2.6 s instead of 3.1 s (docs/performance.md).
 * The dev server renders on its main thread and starts none.
 */
export default function renderWorkers(): AstroIntegration {
  let building = false;
  return {
    name: 'paperlog:render-workers',
    hooks: {
      'astro:config:setup': ({ command }) => {
        building = command === 'build';
      },
      'astro:config:done': ({ config, logger }) => {
        if (!building) return;
        const workers = startRenderWorkers(config);
        if (workers) logger.info(`${workers.started} of ${workers.of} render worker(s) started ahead of the content sync`);
      },
    },
  };
}
