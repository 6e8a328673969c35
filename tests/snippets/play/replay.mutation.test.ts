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
  it('takes 1 to 9 nodes, both bounds included', () => {
    for (const nodes of [1, 9]) {
      const { descriptor, sizes } = recordingSetup();
      expect(() => new ReplayRun(descriptor, spec({ nodes })), `${nodes} nodes`).toThrow('setup reached');
      expect(sizes).toStrictEqual([{ nodes, requests: 1, variant: undefined }]);
    }
  });

  it('refuses 0 nodes and 10 nodes, before building anything', () => {
    for (const nodes of [0, 10]) {
      const { descriptor, sizes } = recordingSetup();
      expect(() => new ReplayRun(descriptor, spec({ nodes }))).toThrow(`nodes: ${nodes} is not between 1 and 9`);
      expect(sizes).toEqual([]);
    }
  });

  it('takes 1 to 9 requests, both bounds included', () => {
    for (const requests of [1, 9]) {
      const { descriptor, sizes } = recordingSetup();
      expect(() => new ReplayRun(descriptor, spec({ requests })), `${requests} requests`).toThrow('setup reached');
      expect(sizes).toStrictEqual([{ nodes: 3, requests, variant: undefined }]);
    }
  });

  it('refuses 0 requests and 10 requests, before building anything', () => {
    for (const requests of [0, 10]) {
      const { descriptor, sizes } = recordingSetup();
      expect(() => new ReplayRun(descriptor, spec({ requests }))).toThrow(`requests: ${requests} is not between 1 and 9`);
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
