import type { APIContext } from 'astro';

/** /robots.txt: everything may be crawled; points crawlers at the sitemap. */
export function GET({ site }: APIContext) {
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap-index.xml', site)}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
