/**
 * Where a reader can watch a broken variant in the browser player (`/play/<model>/`), for models that
 * have a play descriptor (`snippets/<model>/play.ts`). The URL is the player's own format
 * (snippets/play/url.ts): a scenario, a seed and faults at steps, run by the seeded scheduler. It has
 * no way to name a delivery order, so it cannot replay the explorer's interleaving event by event:
 * the link opens the variant on the scenario the play descriptor names as failing with it.
 */
import type { PlayDescriptor } from '../play/descriptor.ts';
import { encodeSpec } from '../play/url.ts';
import type { ModelTypes } from '../sim/index.ts';

/** The player URL for `variant` (or the correct model), or undefined when the player does not offer that variant. */
export function playerLink(descriptor: PlayDescriptor<ModelTypes>, variant: string | undefined): string | undefined {
  const known = variant === undefined ? undefined : descriptor.variants.find((v) => v.id === variant);
  if (variant !== undefined && known === undefined) return undefined;
  const scenario = known?.failing?.scenario ?? descriptor.scenarios[0]?.id;
  if (scenario === undefined) return undefined;
  const seed = known?.failing?.seed ?? descriptor.scenarios.find((s) => s.id === scenario)?.seed ?? 1;
  return `/play/${descriptor.name}/?${encodeSpec({ scenario, seed, variant, actions: [], step: 0 })}`;
}
