import { serveStatic } from '../tests/support/static-server.ts';
import { launchChromium } from '../tests/support/browser.ts';
const targets: [string, string, string][] = [
  ['/notes/dynamo/', 'Operation ids that restart after a crash', 'dynamo'],
  ['/notes/read-write-quorums/', 'Operation numbers survive a crash', 'quorums'],
  ['/notes/virtual-consensus-delos/', 'Two rules that cover for each other', 'delos'],
];
const server = await serveStatic('dist');
const browser = await launchChromium();
try {
  for (const dark of [false, true]) for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 1400 }, colorScheme: dark ? 'dark' : 'light' });
    for (const [path, text, name] of targets) {
      await page.goto(server.origin + path);
      const el = page.locator(':is(h3, p > strong)', { hasText: text }).first();
      await el.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -80));
      const file = `/work/shots/dynabd/${name}-${width}-${dark ? 'dark' : 'light'}.png`;
      await page.screenshot({ path: file });
      // and the diagram after the section
      const fig = page.locator('figure.diagram', { has: page.locator('figcaption') }).filter({ hasText: name === 'dynamo' ? 'incarnation: false' : name === 'quorums' ? 'incarnation: false' : 'sealQuorum' }).first();
      await fig.screenshot({ path: file.replace('.png', '-diagram.png') });
      console.log(file);
    }
    await page.close();
  }
} finally { await browser.close(); await server.close(); }
