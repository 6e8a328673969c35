/**
 * What every player browser test reads off the page (tests/site/player*.test.ts): the node cards as
 * shown and as a Node run of the same link gives them, serious axe findings, and the link and step.
 */
import { expect } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PlayRun } from '../../snippets/play/player.ts';
import { decodeSpec } from '../../snippets/play/url.ts';
import type { PlayDescriptor } from '../../snippets/play/descriptor.ts';
import type { ModelTypes } from '../../snippets/sim/index.ts';

export type Cards = Record<string, { role: string; fields: Record<string, string> }>;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run('main')).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What the page shows of each node. */
export async function shownCards(page: Page): Promise<Cards> {
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
export function nodeSideCards<T extends ModelTypes>(descriptor: PlayDescriptor<T>, query: string): Cards {
  const spec = decodeSpec(query, { scenario: descriptor.scenarios[0]!.id });
  const frame = new PlayRun(descriptor, spec).frame(spec.step);
  expect(frame.step).toBe(spec.step);
  return Object.fromEntries(
    frame.view.nodes.map((n) => {
      if (!n.up) return [n.id, { role: 'down (crashed)', fields: {} }];
      const card = descriptor.nodeView(n.state);
      return [n.id, { role: card.role, fields: Object.fromEntries(card.fields.map((f) => [f.label, f.value])) }];
    }),
  );
}

export const linkQuery = async (page: Page) => new URL((await page.locator('.player-link').getAttribute('href'))!, 'http://x').search.slice(1);
export const shownStep = async (page: Page) => Number(await page.locator('[data-step]').getAttribute('data-step'));

