import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AstroLoggerMessage } from 'astro';
import { wholeLines } from '../../src/lib/whole-lines-logger.ts';

/** A destination that keeps what it is given, as the terminal would show it. */
function terminal() {
  let text = '';
  return {
    destination: { write: (event: AstroLoggerMessage) => void (text += event.message + (event.newLine ? '\n' : '')) },
    lines: () => text.split('\n').slice(0, -1),
  };
}

const info = (message: string, newLine = true, label: string | null = 'SKIP_FORMAT'): AstroLoggerMessage => ({ label, level: 'info', message, newLine });

/** What Astro's build does for one page (core/build/generate.js): half a line, render, the other half. */
async function page(log: { write(event: AstroLoggerMessage): void }, path: string, renderMs: number | 'restored') {
  log.write(info(`  ├─ ${path}`, false, null));
  if (renderMs === 'restored') return log.write(info(' (restored)'));
  await sleep(renderMs);
  log.write(info(` (+${renderMs}ms)`));
}

describe('the build log keeps each page on one line', () => {
  it('pairs every page with its own time while four render at once', async () => {
    const { destination, lines } = terminal();
    const log = wholeLines(destination);
    await Promise.all([page(log, '/404.html', 40), page(log, '/a/', 10), page(log, '/b/', 'restored'), page(log, '/c/', 25)]);
    expect(lines()).toEqual(['  ├─ /b/ (restored)', '  ├─ /a/ (+10ms)', '  ├─ /c/ (+25ms)', '  ├─ /404.html (+40ms)']);
  });

  it('without it, the same pages run into each other (what the log looked like)', async () => {
    const { destination, lines } = terminal();
    await Promise.all([page(destination, '/404.html', 20), page(destination, '/a/', 10)]);
    expect(lines()[0]).toBe('  ├─ /404.html  ├─ /a/ (+10ms)');
  });

  it('lets a message of its own through at once, without gluing it to a page in progress', async () => {
    const { destination, lines } = terminal();
    const log = wholeLines(destination);
    const rendering = page(log, '/slow/', 20);
    log.write(info('[WARN] something', true, 'build'));
    await rendering;
    expect(lines()).toEqual(['[WARN] something', '  ├─ /slow/ (+20ms)']);
  });

  it('writes the pages in progress before an error, which may be why they never finish', () => {
    const { destination, lines } = terminal();
    const log = wholeLines(destination);
    void page(log, '/broken/', 50);
    log.write({ label: 'build', level: 'error', message: 'render failed', newLine: true });
    expect(lines()).toEqual(['  ├─ /broken/', 'render failed']);
  });
});
