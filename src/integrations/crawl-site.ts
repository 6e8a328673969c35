/**
 * Visits every page reachable from `/` on a running server (same origin only) and returns the HTML
 * of those marked for search (`data-pagefind-body`). Used to index the dev server on demand.
 */
export async function crawlSite(origin: string, maxPages = 5000): Promise<Array<{ path: string; html: string }>> {
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  const pages: Array<{ path: string; html: string }> = [];
  while (queue.length > 0 && seen.size <= maxPages) {
    const path = queue.shift()!;
    const response = await fetch(origin + path);
    if (!response.ok || !response.headers.get('content-type')?.includes('text/html')) continue;
    const html = await response.text();
    if (html.includes('data-pagefind-body')) pages.push({ path, html });
    for (const link of internalLinks(html, origin)) {
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return pages;
}

/** Same-origin page links in a document, as paths without query or fragment. */
export function internalLinks(html: string, origin: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
    const url = new URL(match[1]!.replace(/&amp;/g, '&'), origin + '/');
    if (url.origin !== origin) continue;
    if (/\.(xml|txt|json|svg|png|ico|js|css)$/.test(url.pathname) || url.pathname.startsWith('/pagefind/')) continue;
    links.push(url.pathname);
  }
  return links;
}
