/**
 * Every broken variant a player descriptor gives a known failing run (`failing`: scenario and seed)
 * breaks a check on that run, and the same run is clean with the variant off: the player's button
 * "show it failing" shows what it promises. VR's are in vr-play.test.ts (they stop at the script's
 * last tick, as scenarios.ts draws it).
 */
import { describe, expect, it } from 'vitest';
import type { PlayDescriptor } from '../../../snippets/play/descriptor.ts';
import type { ModelTypes } from '../../../snippets/sim/index.ts';
import { delosPlay } from '../../../snippets/delos/play.ts';
import { dynamoPlay } from '../../../snippets/dynamo/play.ts';
import { quorumsPlay } from '../../../snippets/quorums/play.ts';
import { played } from './played.ts';

const descriptors: ReadonlyArray<{ readonly name: string; readonly descriptor: PlayDescriptor<ModelTypes>; readonly breaks: RegExp }> = [
  // A broken invariant, or the history check (linearizability) when a call returns.
  { name: 'quorums', descriptor: quorumsPlay as unknown as PlayDescriptor<ModelTypes>, breaks: /^(invariant ".*" violated: |not linearizable \(register\): )/ },
  { name: 'dynamo', descriptor: dynamoPlay as unknown as PlayDescriptor<ModelTypes>, breaks: /^invariant ".*" violated: / },
  { name: 'delos', descriptor: delosPlay as unknown as PlayDescriptor<ModelTypes>, breaks: /^invariant "no append is acknowledged past its seal, one value per position, readers see one sequence" violated: / },
];

describe.each(descriptors)('$name: the variants with a known failing run', ({ descriptor, breaks }) => {
  const failing = descriptor.variants.filter((v) => v.failing);

  it('there is at least one', () => {
    expect(failing.length).toBeGreaterThan(0);
  });

  it.each(failing.map((v) => [v.id, v] as const))('variant %s: its known failing run breaks a check, and runs clean without it', (_, variant) => {
    const { scenario, seed } = variant.failing!;
    const broken = played(descriptor, scenario, variant.id, seed);
    expect(broken.last.failure?.message).toMatch(breaks);
    const clean = played(descriptor, scenario, undefined, seed);
    expect(clean.run.ended).toBe(true);
    expect(clean.last.failure).toBeUndefined();
    expect(clean.last.step).toBeGreaterThan(broken.last.step);
  });
});
