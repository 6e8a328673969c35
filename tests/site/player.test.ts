import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPage, useBuiltSite } from './site.ts';
import { PlayRun } from '../../snippets/play/player.ts';
import { decodeSpec } from '../../snippets/play/url.ts';
import { vrPlay } from '../../snippets/vr/play.ts';

const site = useBuiltSite();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const NOTE = '/notes/viewstamped-replication-revisited/';

type Cards = Record<string, { role: string; fields: Record<string, string> }>;

/** What the page shows of each node. */
async function shownCards(page: Page): Promise<Cards> {
  return page.$$eval('.player-node', (cards) =>
    Object.fromEntries(
      cards.map((card) => [
        (card as HTMLElement).dataset.node!,
        {
          role: card.querySelector('.player-role')!.textContent!,
          fields: Object.fromEntries([...card.querySelectorAll('dd')].map((dd) => [(dd as HTMLElement).dataset.field!, dd.textContent!])),
        },
      ]),
    ),
  );
}

/** What the same model, scenario, seed and actions give at that step when run in Node. */
function nodeSideCards(query: string): Cards {
  const spec = decodeSpec(query, { scenario: vrPlay.scenarios[0]!.id });
  const frame = new PlayRun(vrPlay, spec).frame(spec.step);
  expect(frame.step).toBe(spec.step);
  return Object.fromEntries(
    frame.view.nodes.map((n) => {
      if (!n.up) return [n.id, { role: 'down (crashed)', fields: {} }];
      const card = vrPlay.nodeView(n.state);
      return [n.id, { role: card.role, fields: Object.fromEntries(card.fields.map((f) => [f.label, f.value])) }];
    }),
  );
}

async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run('main')).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const linkQuery = async (page: Page) => new URL((await page.locator('.player-link').getAttribute('href'))!, 'http://x').search.slice(1);
const shownStep = async (page: Page) => Number(await page.locator('[data-step]').getAttribute('data-step'));

async function openNoteAndRun(colorScheme: 'light' | 'dark' = 'light', press: 'click' | 'Enter' = 'click') {
  const opened = await openPage(site.browser(), site.origin() + NOTE, { colorScheme });
  const requested: string[] = [];
  opened.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await opened.page.waitForLoadState('networkidle');
  const beforeClick = [...requested];
  const runIt = opened.page.getByRole('link', { name: /Run it/ });
  if (press === 'click') await runIt.click();
  else (await runIt.focus(), await opened.page.keyboard.press('Enter'));
  await opened.page.locator('.player-node').first().waitFor();
  return { ...opened, beforeClick, requested };
}

describe('the player on the VR note', () => {
  it('loads no player code before "Run it", one module after; stepping shows what a Node run of the same spec shows', async () => {
    const { page, problems, beforeClick, requested } = await openNoteAndRun();
    expect(beforeClick.filter((p) => p.startsWith('/play/') || p.endsWith('.js'))).toEqual([]);
    expect(requested.filter((p) => p.endsWith('.js'))).toEqual(['/play/vr/player.js']);
    const step = page.getByRole('button', { name: 'Step →' });
    for (let i = 0; i < 12; i++) await step.click();
    expect(await shownStep(page)).toBe(12);
    const query = await linkQuery(page);
    expect(query).toBe('scenario=normal-case&seed=1&step=12');
    expect(await shownCards(page)).toEqual(nodeSideCards(query));
    expect((await shownCards(page)).r1).toMatchObject({ role: 'primary', fields: { 'commit-number': '1' } });
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a copied link reopened in a fresh page shows the same step and state; a crash from its button shows the node down', async () => {
    const { page, problems } = await openNoteAndRun();
    await page.getByLabel('Scenario').selectOption('faulty');
    await page.getByLabel('Seed').fill('4');
    await page.getByLabel('Seed').dispatchEvent('change');
    for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'Step →' }).click();
    await page.getByRole('button', { name: 'Crash r2' }).click();
    await expect.poll(() => page.locator('[data-node="r2"] .player-role').textContent()).toBe('down (crashed)');
    expect(await page.locator('[data-node="r2"]').getAttribute('aria-label')).toBe('r2, down');
    for (let i = 0; i < 30; i++) await page.getByRole('button', { name: 'Step →' }).click();
    const query = await linkQuery(page);
    expect(query).toBe('scenario=faulty&seed=4&at=20.crash.r2&step=50');
    const here = await shownCards(page);
    expect(here).toEqual(nodeSideCards(query));
    expect(problems.consoleErrors).toEqual([]);
    await page.context().close();

    const fresh = await openPage(site.browser(), `${site.origin()}/play/vr/?${query}`);
    await fresh.page.locator('.player-node').first().waitFor();
    expect(await shownStep(fresh.page)).toBe(50);
    expect(await shownCards(fresh.page)).toEqual(here);
    expect(new URL(fresh.page.url()).search).toBe(`?${query}`);
    expect(fresh.problems.consoleErrors).toEqual([]);
    await fresh.page.context().close();
  });

  it('works from the keyboard alone: → steps, ← steps back, space plays and pauses; the step is announced', async () => {
    const { page } = await openNoteAndRun('light', 'Enter');
    // After "Run it", focus is in the player, on its Step button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Step →');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    expect(await shownStep(page)).toBe(5);
    await page.keyboard.press('ArrowLeft');
    expect(await shownStep(page)).toBe(4);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Step 4, tick \d+/);
    await page.locator('.player-trace').focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => shownStep(page)).toBeGreaterThan(5);
    await page.keyboard.press('Space');
    expect(await page.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed')).toBe('false');
    await page.context().close();

    // On /play/vr/ the keys work from the moment it opens, with nothing focused.
    const standalone = await openPage(site.browser(), `${site.origin()}/play/vr/`);
    await standalone.page.locator('.player-node').first().waitFor();
    for (let i = 0; i < 3; i++) await standalone.page.keyboard.press('ArrowRight');
    expect(await shownStep(standalone.page)).toBe(3);
    expect(new URL(standalone.page.url()).search).toBe('?scenario=normal-case&seed=1&step=3');
    await standalone.page.context().close();
  });

  it('"show me a failing run" with a broken rule stops at the violation and says what broke', async () => {
    const { page } = await openNoteAndRun();
    await page.getByLabel('Break a rule').selectOption('new-primary-keeps-own-log');
    await page.getByRole('button', { name: 'Show me a failing run' }).click();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/The run broke: invariant "committed operations survive/);
    await page.context().close();
  });

  it('fits a 390 px screen: the running player makes nothing scroll sideways, on the note and on /play/vr/', async () => {
    const context = await site.browser().newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto(`${site.origin()}${NOTE}`);
    await page.getByRole('link', { name: /Run it/ }).click();
    await page.locator('.player-node').first().waitFor();
    for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Step →' }).click();
    expect(await overflow()).toBe(0);
    await page.goto(`${site.origin()}/play/vr/?scenario=any-log&seed=1&variant=new-primary-keeps-own-log&step=12`);
    await page.locator('.player-node').first().waitFor();
    expect(await overflow()).toBe(0);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no serious violation in the running player, on the note and on /play/vr/ (${colorScheme})`, async () => {
      const { page } = await openNoteAndRun(colorScheme);
      await page.getByRole('button', { name: 'Step →' }).click();
      expect(await axeSerious(page)).toEqual([]);
      await page.context().close();
      const standalone = await openPage(site.browser(), `${site.origin()}/play/vr/?scenario=view-change&seed=1&at=3.crash.r2&step=10`, { colorScheme });
      await standalone.page.locator('.player-node').first().waitFor();
      expect(await axeSerious(standalone.page)).toEqual([]);
      await standalone.page.context().close();
    });
  }
});
