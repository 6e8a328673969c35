import type { AstroIntegration } from 'astro';
import { copyFileSync, createReadStream, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Serves Mermaid's own prebuilt browser bundle for the few diagrams the build cannot draw (see
 * docs/diagrams.md), instead of letting Vite bundle Mermaid again on every build.
 *
 * Mermaid ships `dist/mermaid.esm.min.mjs`, already minified and split into chunks it imports
 * relatively (each diagram type is its own lazily imported chunk). Bundling Mermaid ourselves cost
 * about 3 s of every build, cold or incremental, for a file that never changes between builds. This
 * copies that bundle to `/vendor/mermaid@<version>/` in the output and serves it from there in dev;
 * `MermaidClient.astro` imports it by the URL this integration defines as `__PAPERLOG_MERMAID_URL__`.
 * Same origin, so still no third-party request; the version in the path makes it safe to cache forever.
 */
const MERMAID_DIST = dirname(fileURLToPath(import.meta.resolve('mermaid/dist/mermaid.esm.min.mjs')));
const ENTRY = 'mermaid.esm.min.mjs';
const CHUNKS = 'chunks/mermaid.esm.min';

export function mermaidVendorPath(): string {
  const { version } = JSON.parse(readFileSync(join(MERMAID_DIST, '..', 'package.json'), 'utf8')) as { version: string };
  return `vendor/mermaid@${version}`;
}

/** The files the browser may load, as URL paths relative to Mermaid's dist folder: the entry and its chunks, no source maps. */
export function mermaidVendorFiles(): string[] {
  const chunks = readdirSync(join(MERMAID_DIST, CHUNKS)).filter((name) => name.endsWith('.mjs'));
  return [ENTRY, ...chunks.map((name) => posix.join(CHUNKS, name))];
}

export default function mermaidVendor(): AstroIntegration {
  let base = '/';
  const folder = mermaidVendorPath();
  return {
    name: 'paperlog:mermaid-vendor',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        updateConfig({ vite: { define: { __PAPERLOG_MERMAID_URL__: JSON.stringify(`${base}${folder}/${ENTRY}`) } } });
      },
      'astro:server:setup': ({ server }) => {
        const files = new Set(mermaidVendorFiles());
        server.middlewares.use(`${base}${folder}/`, (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\//, ''));
          if (!files.has(name)) return next();
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          createReadStream(join(MERMAID_DIST, name)).pipe(res);
        });
      },
      'astro:build:done': ({ dir }) => {
        const out = join(fileURLToPath(dir), folder);
        mkdirSync(join(out, CHUNKS), { recursive: true });
        for (const file of mermaidVendorFiles()) copyFileSync(join(MERMAID_DIST, file), join(out, file));
      },
    },
  };
}
