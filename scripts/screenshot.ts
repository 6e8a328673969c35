/**
 * Screenshots pages of the built site for a human to look at: `npm run screenshot -- /notes/dynamo/ [--dark] [--width 390] [--full] [--selector CSS]`.
 * Writes PNGs to screenshots/ (ignored by git). Needs `npm run build` first.
 */
import { mkdirSync } from 'node:fs';
import { serveStatic } from '../tests/support/static-server.ts';
import { launchChromium } from '../tests/support/browser.ts';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const fullPage = args.includes('--full');
const widthIndex = args.indexOf('--width');
const selectorIndex = args.indexOf('--selector');
const selector = selectorIndex >= 0 ? args[selectorIndex + 1] : undefined;
const width = widthIndex >= 0 ? Number(args[widthIndex + 1]) : 1280;
const paths = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--width' && args[i - 1] !== '--selector');
const server = await serveStatic(process.env.PAPERLOG_OUT_DIR ?? 'dist');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
  mkdirSync('screenshots', { recursive: true });
  for (const path of paths.length ? paths : ['/']) {
    await page.goto(server.origin + path);
    const file = `screenshots/${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}${dark ? '-dark' : ''}-${width}.png`;
    if (selector) {
      const elements = await page.locator(selector).all();
      for (const [i, element] of elements.entries()) {
        const part = file.replace(/\.png$/, `-${i + 1}.png`);
        await element.screenshot({ path: part });
        console.log(part);
      }
    } else {
      await page.screenshot({ path: file, fullPage });
      console.log(file);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
