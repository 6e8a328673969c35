/**
 * An explorer URL replayed, one rule each: the size handed to the explorer's setup (bounds at both
 * sides), the violation recorded as the run's failure, and the player's clamping at the path's ends.
 */
import { describe, expect, it } from 'vitest';
import type { ExploreDescriptor, Size } from '../../../snippets/explore/descriptor.ts';
import { resolveBounds } from '../../../snippets/explore/descriptor.ts';
import { explore } from '../../../snippets/explore/explorer.ts';
import { ReplayPlayer, ReplayRun } from '../../../snippets/play/replay.ts';
import type { ReplaySpec } from '../../../snippets/play/url.ts';
import { explore as vr } from '../../../snippets/vr/explore.ts';

const spec = (over: Partial<ReplaySpec> = {}): ReplaySpec => ({ explore: 'vr', variant: undefined, nodes: 3, requests: 1, path: [], step: 0, ...over });

/** vr's descriptor, with a setup that records the size it is given and stops there. */
function recordingSetup() {
  const sizes: Size[] = [];
  const descriptor: ExploreDescriptor = {
    ...vr,
    setup: (size) => {
      sizes.push(size);
      throw new Error('setup reached');
    },
  };
  return { descriptor, sizes };
}

describe('the size a replay URL gives the explorer\'s setup', () => {
  it.each(['nodes', 'requests'] as const)('takes 1 to 9 %s, both bounds included', (field) => {
    for (const n of [1, 9]) {
      const { descriptor, sizes } = recordingSetup();
      expect(() => new ReplayRun(descriptor, spec({ [field]: n })), `${n} ${field}`).toThrow('setup reached');
      expect(sizes).toStrictEqual([{ nodes: 3, requests: 1, variant: undefined, [field]: n }]);
    }
  });

  it.each(['nodes', 'requests'] as const)('refuses 0 %s and 10 %s, before building anything', (field) => {
    for (const n of [0, 10]) {
      const { descriptor, sizes } = recordingSetup();
      expect(() => new ReplayRun(descriptor, spec({ [field]: n }))).toThrow(`${field}: ${n} is not between 1 and 9`);
      expect(sizes).toEqual([]);
    }
  });

  it('passes the URL\'s shape on, and no shape when the URL has none', () => {
    const shaped = recordingSetup();
    expect(() => new ReplayRun(shaped.descriptor, spec({ variant: undefined, shape: 'new-primary-keeps-own-log' }))).toThrow('setup reached');
    expect(shaped.sizes).toStrictEqual([{ nodes: 3, requests: 1, variant: undefined, shape: 'new-primary-keeps-own-log' }]);
  });

  it('lists the variants the explorer knows when the URL names another', () => {
    expect(() => new ReplayRun(vr, spec({ variant: 'no-such-rule' }))).toThrow(/variant: the explorer has no variant "no-such-rule" \((.*, )*new-primary-keeps-own-log(, .*)*\)$/);
  });
});

describe('a replayed counterexample', () => {
  it('records its violation as the run\'s failure, of the invariant-violated kind', { timeout: 120_000 }, () => {
    const { size, bounds } = resolveBounds(vr, 'new-primary-keeps-own-log');
    const { violation } = explore(vr.setup(size).setup, bounds);
    if (!violation) throw new Error('the explorer found no violation');
    const run = new ReplayRun(vr, spec({ variant: 'new-primary-keeps-own-log', nodes: size.nodes, requests: size.requests, path: violation.events, step: violation.events.length }));
    expect(run.frame(violation.events.length).failure).toMatchObject({ kind: 'invariant-violated', message: violation.message });
  });
});

describe('stepping through a replay', () => {
  // One move: the first client's first call, enabled in the correct model's initial state.
  const oneMove = () => spec({ path: [{ kind: 'call', client: 'c1' }], step: 0 });

  it('shows the last frame for a step past the path\'s end', () => {
    const run = new ReplayRun(vr, oneMove());
    expect(run.frame(5)).toBe(run.frames[1]);
  });

  it('is not at the end before the last move', () => {
    const player = new ReplayPlayer(vr, oneMove());
    expect(player.atEnd).toBe(false);
    player.forward();
    expect(player.atEnd).toBe(true);
  });

  it('stops at the last move when asked to go past it', () => {
    const player = new ReplayPlayer(vr, oneMove());
    expect(player.goTo(5).step).toBe(1);
    expect(player.step).toBe(1);
  });
});
