import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs both projects. unit: schema, plugins and helpers, in milliseconds. site: builds the
 * real site once (global setup), then checks it in headless Chromium, and proves that bad notes stop
 * the build. The site project runs its files one at a time: they share one build and one browser.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          globalSetup: ['tests/site/build-site.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
