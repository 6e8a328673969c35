import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AstroConfig } from 'astro';
import type { EntryTypes } from '../../src/plugins/render-pool/pool.ts';

/**
 * The render pool that `astro build` starts ahead of the content sync (src/integrations/render-workers.ts)
 * must be the one the notes loader renders with. astro.config.mjs and content.config.ts are loaded as
 * separate module graphs, so each test imports the pool module afresh for the loader's side.
 */
const STARTED = Symbol.for('paperlog.started-render-pool');
const shared = globalThis as { [STARTED]?: { render: unknown } };
const config = (image: { domains?: string[] } = {}) =>
  ({ markdown: { syntaxHighlight: false }, image: { domains: [], remotePatterns: [], ...image } }) as unknown as AstroConfig;
const markdownEntryType = (): EntryTypes => new Map([['.md', { getRenderFunction: async () => 'astro-renders-on-the-main-thread' }]]);
const freshPoolModule = async () => {
  vi.resetModules();
  return import('../../src/plugins/render-pool/pool.ts');
};
const renderFunctionOf = (types: EntryTypes) => types.get('.md')!.getRenderFunction!({} as AstroConfig);

let workersBefore: string | undefined;
beforeEach(() => {
  workersBefore = process.env['PAPERLOG_RENDER_WORKERS'];
  // One worker, the fewest a started pool has: it loads the pipeline in the background, and no test here waits for it.
  process.env['PAPERLOG_RENDER_WORKERS'] = '1';
});
afterEach(() => {
  delete shared[STARTED];
  if (workersBefore === undefined) delete process.env['PAPERLOG_RENDER_WORKERS'];
  else process.env['PAPERLOG_RENDER_WORKERS'] = workersBefore;
});

describe('render workers started ahead of the content sync', () => {
  it('are the ones the notes loader renders with, from another module graph', async () => {
    const { startRenderWorkers } = await freshPoolModule();
    expect(startRenderWorkers(config())).toEqual({ started: 1, of: 1 });
    const started = shared[STARTED]!.render;

    const loaderSide = await freshPoolModule();
    const types = loaderSide.entryTypesRenderingInWorkers(markdownEntryType(), config());
    expect(await renderFunctionOf(types)).toBe(started);
  });

  it('are taken by the first loader, so a later build in the same process starts its own', async () => {
    const { startRenderWorkers, entryTypesRenderingInWorkers } = await freshPoolModule();
    startRenderWorkers(config());
    const started = shared[STARTED]!.render;
    entryTypesRenderingInWorkers(markdownEntryType(), config());
    expect(shared[STARTED]).toBeUndefined();

    const nextBuild = await freshPoolModule();
    const types = nextBuild.entryTypesRenderingInWorkers(markdownEntryType(), config());
    expect(await renderFunctionOf(types)).not.toBe(started);
  });

  it('are not used when the loader needs other renderer options', async () => {
    const { startRenderWorkers } = await freshPoolModule();
    startRenderWorkers(config());
    const started = shared[STARTED]!.render;

    const loaderSide = await freshPoolModule();
    const types = loaderSide.entryTypesRenderingInWorkers(markdownEntryType(), config({ domains: ['images.example'] }));
    expect(await renderFunctionOf(types)).not.toBe(started);
  });

  it('start once: a second start before the sync starts nothing', async () => {
    const { startRenderWorkers } = await freshPoolModule();
    startRenderWorkers(config());
    const started = shared[STARTED]!.render;
    expect(startRenderWorkers(config())).toBeUndefined();
    expect(shared[STARTED]!.render).toBe(started);
  });

  it('are not started when notes render on the main thread', async () => {
    process.env['PAPERLOG_RENDER_WORKERS'] = '0';
    const { startRenderWorkers, entryTypesRenderingInWorkers } = await freshPoolModule();
    expect(startRenderWorkers(config())).toBeUndefined();
    expect(shared[STARTED]).toBeUndefined();
    expect(await renderFunctionOf(entryTypesRenderingInWorkers(markdownEntryType(), config()))).toBe('astro-renders-on-the-main-thread');
  });
});
