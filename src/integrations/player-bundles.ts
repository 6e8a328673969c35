import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, minify } from 'vite';
import { PLAYABLE } from '../components/player/playable.ts';

/**
 * The browser player, one module per playable model (src/components/player/playable.ts):
 * src/scripts/player/<name>.ts bundled with the model, the player and their styles into
 * /play/<name>/player.js, minified, at a fixed URL a note's "Run it" button imports on click (so a
 * note page loads none of it before). Written into the build output, and bundled on request in
 * `npm run dev`. tests/site/player-budget.test.ts holds each to its budget.
 */
export async function bundlePlayer(name: string): Promise<string> {
  if (!(name in PLAYABLE)) throw new Error(`no playable model "${name}" (src/components/player/playable.ts lists ${Object.keys(PLAYABLE).join(', ')})`);
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      // The site's colours are light-dark() pairs; older CSS targets would rewrite them into variables
      // only Astro's own stylesheet defines, and the player's boxes would come out black.
      cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
      lib: { entry: fileURLToPath(new URL(`../scripts/player/${name}.ts`, import.meta.url)), formats: ['es'], fileName: 'player' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  const js = chunks.filter((c) => c.type === 'chunk');
  if (js.length !== 1) throw new Error(`player ${name}: expected one module, the bundler made ${js.length}`);
  // Library builds keep their whitespace; this module is published as is, so squeeze it.
  return (await minify('player.js', js[0]!.code, { compress: true, mangle: true })).code;
}

export default function playerBundles(): AstroIntegration {
  return {
    name: 'paperlog:player-bundles',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/play/', (req, res, next) => {
          const match = /^\/([a-z0-9-]+)\/player\.js$/.exec((req.url ?? '/').split('?')[0]!);
          if (!match || !(match[1]! in PLAYABLE)) return next();
          bundlePlayer(match[1]!).then(
            (body) => {
              res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
              res.setHeader('Cache-Control', 'no-store');
              res.end(body);
            },
            (error: unknown) => next(error),
          );
        });
      },
      'astro:build:done': async ({ dir }) => {
        for (const name of Object.keys(PLAYABLE)) {
          const out = join(fileURLToPath(dir), 'play', name);
          mkdirSync(out, { recursive: true });
          writeFileSync(join(out, 'player.js'), await bundlePlayer(name));
        }
      },
    },
  };
}
