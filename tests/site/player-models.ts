/**
 * The browser checks every playable model's note gets (tests/site/player-<model>.test.ts): "Run it"
 * loads that model's one module and nothing before; stepping shows the cards a Node run of the same
 * model, scenario, seed and step produces; and each broken variant, with its known seed, shows the
 * violation (with no serious axe finding), while the same seed without it runs clean.
 */
import { describe, expect, it } from 'vitest';
import { openPage, useBuiltSite } from './site.ts';
import { axeSerious, linkQuery, nodeSideCards, shownCards, shownStep, type Cards } from './player-page.ts';
import { PlayRun } from '../../snippets/play/player.ts';
import type { PlayDescriptor } from '../../snippets/play/descriptor.ts';
import type { ModelTypes } from '../../snippets/sim/index.ts';

/** The step at which a variant's known failing run breaks, in Node. */
function failingStep<T extends ModelTypes>(descriptor: PlayDescriptor<T>, variant: string): number {
  const { scenario, seed } = descriptor.variants.find((v) => v.id === variant)!.failing!;
  const run = new PlayRun(descriptor, { scenario, seed, variant, actions: [] });
  let frame = run.frame(0);
  while (!run.ended) frame = run.frame(frame.step + 1);
  const last = run.frame(run.recorded);
  expect(last.failure).toBeDefined();
  return last.step;
}

export interface ModelPlayerCase<T extends ModelTypes> {
  readonly descriptor: PlayDescriptor<T>;
  readonly note: string;
  /** Steps to take on the note's first scenario, and a check of one card there (what the issue asks the card to show). */
  readonly steps: number;
  readonly expectCard: (cards: Cards) => void;
  /** A variant to break from the note with "Show me a failing run", and what the alert says. */
  readonly variant: string;
  readonly violation: RegExp;
}

export function describeModelPlayer<T extends ModelTypes>(c: ModelPlayerCase<T>): void {
  const site = useBuiltSite();
  const name = c.descriptor.name;

  async function openNoteAndRun() {
    const opened = await openPage(site.browser(), site.origin() + c.note);
    const requested: string[] = [];
    opened.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await opened.page.waitForLoadState('networkidle');
    const beforeClick = [...requested];
    await opened.page.getByRole('link', { name: /^Run it: play / }).click();
    await opened.page.locator('.player-node').first().waitFor();
    return { ...opened, beforeClick, requested };
  }

  describe(`the player on the ${name} note`, () => {
    it(`loads no player code before "Run it", then /play/${name}/player.js; ${c.steps} steps show what a Node run of the same spec shows`, async () => {
      const { page, problems, beforeClick, requested } = await openNoteAndRun();
      expect(beforeClick.filter((p) => p.startsWith('/play/') || p.endsWith('.js'))).toEqual([]);
      expect(requested.filter((p) => p.endsWith('.js'))).toEqual([`/play/${name}/player.js`]);
      const step = page.getByRole('button', { name: 'Step →' });
      for (let i = 0; i < c.steps; i++) await step.click();
      expect(await shownStep(page)).toBe(c.steps);
      const query = await linkQuery(page);
      const first = c.descriptor.scenarios[0]!;
      expect(query).toBe(`scenario=${first.id}&seed=${first.seed}&step=${c.steps}`);
      const shown = await shownCards(page);
      expect(shown).toEqual(nodeSideCards(c.descriptor, query));
      c.expectCard(shown);
      expect(problems.consoleErrors).toEqual([]);
      await page.context().close();
    });

    it(`"Break a rule" ${c.variant} with "Show me a failing run" stops at the violation; the same seed without it runs clean`, async () => {
      const { page, problems } = await openNoteAndRun();
      await page.getByLabel('Break a rule').selectOption(c.variant);
      await page.getByRole('button', { name: 'Show me a failing run' }).click();
      const until = failingStep(c.descriptor, c.variant);
      for (let i = 0; i < until; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(c.violation);
      expect(await shownStep(page)).toBe(until);
      expect(await axeSerious(page)).toEqual([]);
      // The same scenario and seed, the rule back on: a fresh run that goes past that step without breaking.
      await page.getByLabel('Break a rule').selectOption('');
      expect(await shownStep(page)).toBe(0);
      const step = page.getByRole('button', { name: 'Step →' });
      for (let i = 0; i < until + 5; i++) await step.click();
      expect(await shownStep(page)).toBeGreaterThan(until);
      expect(await page.locator('.player-failure').textContent()).toBe(''); // empty, so hidden: no alert to find by role
      expect(problems.consoleErrors).toEqual([]);
      await page.context().close();
    });

    it.each(c.descriptor.variants.filter((v) => v.failing).map((v) => [v.id, v.failing!] as const))(`/play/${name}/ with variant %s at its known seed shows the violation at the step a Node run breaks`, async (variant, failing) => {
      const step = failingStep(c.descriptor, variant);
      const query = `scenario=${failing.scenario}&seed=${failing.seed}&variant=${variant}&step=${step}`;
      const { page, problems } = await openPage(site.browser(), `${site.origin()}/play/${name}/?${query}`);
      await page.locator('.player-node').first().waitFor();
      expect(await shownStep(page)).toBe(step);
      // A broken invariant, or the descriptor's history check (linearizability) when a call returns.
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^The run broke: (invariant ".+" violated|not linearizable \(.+?\)): /);
      expect(await shownCards(page)).toEqual(nodeSideCards(c.descriptor, query));
      expect(problems.consoleErrors).toEqual([]);
      await page.context().close();
    });
  });
}
