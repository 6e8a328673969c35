/**
 * The URL `npm run explore` prints on a violation, opened in Chromium: the player page replays the
 * explorer's path and ends on the explorer's violation; Back shows the step before (no violation);
 * a stale path is refused with the move it cannot take.
 */
import { describe, expect, it, vi } from 'vitest';
import { resolveBounds } from '../../snippets/explore/descriptor.ts';
import { explore } from '../../snippets/explore/explorer.ts';
import { replayLink } from '../../snippets/explore/player-link.ts';
import { explore as vr } from '../../snippets/vr/explore.ts';
import { openPage, useBuiltSite } from './site.ts';

vi.setConfig({ testTimeout: 180_000 });
const site = useBuiltSite();

function vrLink() {
  const { size, bounds } = resolveBounds(vr, 'new-primary-keeps-own-log');
  const { violation } = explore(vr.setup(size).setup, bounds);
  if (!violation) throw new Error('the explorer found no violation');
  return { link: replayLink('vr', size, violation.events), violation };
}

describe('an explorer replay URL in the browser player', () => {
  it('replays the path to the explorer’s violation, and steps back', async () => {
    const { link, violation } = vrLink();
    const { page, problems } = await openPage(site.browser(), site.origin() + link);
    const alert = page.locator('.player-failure');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(violation.message);
    expect(await page.locator('.player-replay-status').textContent()).toBe(`Move ${violation.events.length} of ${violation.events.length}`);
    expect(await page.locator('.player-node').count()).toBe(3);
    await page.getByRole('button', { name: '← Back' }).click();
    expect(await page.locator('.player-replay-status').textContent()).toBe(`Move ${violation.events.length - 1} of ${violation.events.length}`);
    expect(await alert.isHidden()).toBe(true);
    expect(new URL(page.url()).searchParams.get('step')).toBe(String(violation.events.length - 1));
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('refuses a stale path, naming the move', async () => {
    const { link } = vrLink();
    const stale = link.replace(/path=([^~&]+)~([^~&]+)~/, 'path=$1~deliver.999~');
    expect(stale).not.toBe(link);
    const { page } = await openPage(site.browser(), site.origin() + stale);
    const alert = page.locator('.player-failure');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/cannot be replayed: path: move 2 .* is not possible in that state/);
    expect(await page.locator('.player-node').count()).toBe(0);
    await page.context().close();
  });
});
