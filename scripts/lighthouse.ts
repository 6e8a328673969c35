/**
 * Lighthouse (mobile, its default) against the built site, served on 127.0.0.1 with gzip like a real
 * host, in Debian's Chromium: `npm run lighthouse -- [/path/ …]` (default: the home page and the
 * Dynamo note). Prints each page's four category scores and the audits that cost points; exits 1 if a
 * score is below 100. Needs `npm run build` first. Nothing leaves the machine.
 */
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { serveStatic } from '../tests/support/static-server.ts';
import { CHROMIUM_PATH } from '../tests/support/browser.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
const server = await serveStatic(process.env.PAPERLOG_OUT_DIR ?? 'dist', { compress: true });
const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const report: Record<string, { scores: Record<string, number>; lost: string[] }> = {};
try {
  for (const path of paths.length ? paths : ['/', '/notes/dynamo/']) {
    const result = await lighthouse(server.origin + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const { categories, audits } = result.lhr;
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)]));
    const lost = CATEGORIES.flatMap((c) =>
      (categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${c}: ${ref.id} (${audits[ref.id]!.displayValue ?? audits[ref.id]!.score})`),
    );
    report[path] = { scores, lost };
  }
} finally {
  chrome.kill();
  await server.close();
}
console.log(JSON.stringify(report, null, 2));
process.exitCode = Object.values(report).every((r) => Object.values(r.scores).every((s) => s === 100)) ? 0 : 1;
