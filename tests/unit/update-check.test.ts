import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm run dev` must not ask the npm registry for a newer Astro (a third-party request) nor advise
 * upgrading off the pinned version. Judged by Astro's own test for it, with a preference store that
 * says a check is due.
 */
const { shouldCheckForUpdates } = (await import(new URL('../../node_modules/astro/dist/core/dev/update-check.js', import.meta.url).href)) as {
  shouldCheckForUpdates(preferences: { get(key: string): Promise<unknown> }): Promise<boolean>;
};
const due = { get: async (key: string) => (key === '_variables.lastUpdateCheck' ? 0 : true) };
const saved = process.env.ASTRO_DISABLE_UPDATE_CHECK;

afterEach(() => {
  if (saved === undefined) delete process.env.ASTRO_DISABLE_UPDATE_CHECK;
  else process.env.ASTRO_DISABLE_UPDATE_CHECK = saved;
});

describe("Astro's update check", () => {
  it('would run when due, without our config (so the test below can fail)', async () => {
    delete process.env.ASTRO_DISABLE_UPDATE_CHECK;
    expect(await shouldCheckForUpdates(due)).toBe(!process.env.CI);
  });

  it('is off once astro.config.mjs is loaded', async () => {
    delete process.env.ASTRO_DISABLE_UPDATE_CHECK;
    await import('../../astro.config.mjs');
    expect(await shouldCheckForUpdates(due)).toBe(false);
  }, 60_000);
});
