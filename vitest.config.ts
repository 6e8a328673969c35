import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project.
 * - unit: schema, plugins and helpers, in milliseconds.
 * - snippets: the models in snippets/ and their checkers.
 * - site: builds the real site once (global setup), checks it in headless Chromium, and proves that
 *   bad notes stop the build. Its files run one at a time: they share one build and one browser.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // The models in snippets/: simulator, checkers, protocols (property tests over many seeds).
      { test: { name: 'snippets', include: ['tests/snippets/**/*.test.ts'], testTimeout: 30_000 } },
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
