/**
 * The explorer's directed phases for VR (explore.ts) on the cluster views the simulator really hands
 * them: a node that is down has no state, one that never wrote its disk has no durable record, and a
 * replica may be missing from a smaller group. Everything is computed inside `it`.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../../../snippets/vr/explore.ts';
import { replica } from '../../../snippets/vr/replica.ts';
import { DEFAULT_CONFIG, type ReplicaState } from '../../../snippets/vr/types.ts';

const up = (id: string, change: Partial<ReplicaState>, durable?: { restarts: number }) =>
  ({ id, up: true, state: { ...replica.init(id, ['r1', 'r2', 'r3'].filter((r) => r !== id), DEFAULT_CONFIG), ...change }, durable });
const down = (id: string) => ({ id, up: false, state: undefined, durable: { restarts: 1 } });
const view = (...nodes: unknown[]) => ({ nodes, history: [] }) as never;
const phases = (variant: string) => explore.setup({ nodes: 3, requests: 2, variant }).setup.phases!;

describe('the directed phases read only what a cluster view holds', () => {
  it('the recovery prefix: with r2 down, r2 has not committed op 1 in view 1', () => {
    const [, committed] = phases('recover-on-one-answer');
    expect(committed!.reached(view(up('r1', { view: 0 }), down('r2'), up('r3', {})))).toBe(false);
  });

  it('the §8.2 prefix looks at r3 only: r1 recovered into view 0 is not r3', () => {
    const [, recovered] = phases('no-start-view-change-round');
    expect(recovered!.reached(view(up('r1', { view: 0 }, { restarts: 1 }), up('r2', {}), up('r3', { status: 'recovering' }, { restarts: 1 })))).toBe(false);
    expect(recovered!.reached(view(up('r1', { view: 0 }, { restarts: 1 }), up('r2', {}), up('r3', { view: 0 }, { restarts: 1 })))).toBe(true);
  });

  it('the §8.2 prefix: r3 down (no state), never restarted (no durable record), or absent has not recovered', () => {
    const [, recovered] = phases('no-start-view-change-round');
    expect(recovered!.reached(view(up('r1', {}), up('r2', {}), down('r3')))).toBe(false);
    expect(recovered!.reached(view(up('r1', {}), up('r2', {}), up('r3', { view: 0 })))).toBe(false);
    expect(recovered!.reached(view(up('r1', {}), up('r2', {})))).toBe(false);
  });
});
